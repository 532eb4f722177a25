/*
 * Users' terminals on virtio-serial ports. QEMU gives a machine one 3270 at most, but any
 * number of virtio-serial-ccw devices with up to 31 ports each (classic indicators have one
 * bit per queue, 64 in all: ports 0-30). The host's relay (console/vm64/relay.c) speaks
 * TN3270 to the clients and passes each client's 3270 records over a port of its own, framed
 * as vm64/termport.h says. Here every port becomes a device that behaves towards CP's
 * terminal code (cp/term/term.c, through hw.h's hw_io_*) like a 3270 on a control unit:
 *
 *   host opens the port (PORT_OPEN 1)   unsolicited device end, as when a client connects
 *   an inbound record arrives           attention; the next Read Modified returns it
 *   Write, Erase/Write(A), WSF          one TP_OUT_DATA record; channel end and device end
 *                                       when QEMU has taken the buffer
 *   host closes the port (PORT_OPEN 0)  attention, and the next command ends with unit
 *                                       check (intervention required): the client is gone
 *
 * A record the relay should never send (bad type, too long) loses the framing: the port is
 * treated as closed and CP asks the relay to hang up (TP_OUT_HANGUP); the next open resyncs.
 * A second inbound record while one waits to be read is dropped (a flood of Enter costs one
 * record per read). All queue work runs in CP's context; the interruption handler only notes
 * that a device spoke. Covered by tests/system/test_terminal.py and test_cms.py on QEMU.
 */
#include <arch/cio.h>
#include <arch/cio_api.h>
#include <arch/hw.h>
#include <lib/endian.h>
#include <lib/string.h>
#include <vm64/termport.h>
#include "arch_priv.h"
#include "virtio_ccw.h"
#include "vserial.h"

#define VIRTIO_CONSOLE_F_MULTIPORT	(1u << 1)

/* Control messages (virtio specification, "Console Device"). */
#define VCON_DEVICE_READY	0
#define VCON_PORT_ADD		1
#define VCON_PORT_REMOVE	2
#define VCON_PORT_READY		3
#define VCON_CONSOLE_PORT	4
#define VCON_RESIZE		5
#define VCON_PORT_OPEN		6
#define VCON_PORT_NAME		7
#define VCON_MSG_LEN		8

#define MAX_DEVS		4
#define PORTS_PER_DEV		31	/* queues 0..61 plus control 2, 3: under 64 */
#define MAX_PORTS		120
#define RX_BUFS			2
#define RX_BUF_LEN		2048
#define CTL_RX_BUFS		32	/* QEMU drops a control message it has no buffer for */
#define CTL_RX_LEN		64
#define CTL_TX_SLOTS		32
#define EVQ_LEN			8
#define FIRST_DEVNO		0x0020	/* where Hercules' configuration puts its 3270s */

#define CMD_WRITE		0x01
#define CMD_READ_BUFFER		0x02
#define CMD_NOP			0x03
#define CMD_ERASE_WRITE		0x05
#define CMD_READ_MODIFIED	0x06
#define CMD_ERASE_WRITE_ALT	0x0d
#define CMD_READ_MODIFIED_ALL	0x0e
#define CMD_WRITE_SF		0x11

#define DSTAT_DONE (HW_DSTAT_CHANNEL_END | HW_DSTAT_DEVICE_END)

struct vser_dev;

struct vport {
	struct vser_dev *dev;
	unsigned id;		/* port number on its device */
	unsigned hw_index;	/* index for hw_device() */
	bool added;		/* PORT_ADD seen */
	bool need_ready;	/* PORT_READY and PORT_OPEN still to send */
	bool claimed;
	bool host_open;
	bool broken;		/* framing lost: ignore input until the next open */
	bool gone;		/* the next command ends with unit check */
	bool cmd_active;	/* a write waits for QEMU to take its buffer */
	bool tx_busy;		/* QEMU owns txbuf */
	bool hup_busy;		/* QEMU owns hupbuf */
	bool in_ready;		/* inrec holds a record for the next read */
	size_t in_len;
	struct vq rx, tx;
	struct tp_reader rd;
	uint8_t *rxbuf;		/* RX_BUFS * RX_BUF_LEN */
	uint8_t *rdbuf;		/* TP_IN_MAX: the record being assembled */
	uint8_t *inrec;		/* TP_IN_MAX: the record a read returns */
	uint8_t *txbuf;		/* TP_HDR_LEN + TP_OUT_MAX */
	uint8_t hupbuf[TP_HDR_LEN];
	struct hw_io_event evq[EVQ_LEN];
	unsigned ev_head, ev_tail;
};

struct vser_dev {
	uint32_t schid;
	unsigned nports;	/* ports 1..nports-1 are terminals */
	bool ready_sent;
	volatile bool kicked;
	uint64_t ind __attribute__((aligned(8)));
	uint64_t conf_ind __attribute__((aligned(8)));
	struct vq c_rx, c_tx;
	uint8_t c_rxbuf[CTL_RX_BUFS][CTL_RX_LEN];
	uint8_t c_txbuf[CTL_TX_SLOTS][VCON_MSG_LEN];
	bool c_tx_busy[CTL_TX_SLOTS];
	struct vport *ports[PORTS_PER_DEV];
};

static struct vser_dev *devs[MAX_DEVS];
static unsigned ndevs;
static struct vport *port_of[CIO_MAX_DEVICES];
static volatile bool any_kicked;

static void *take(uint64_t bytes)
{
	return (void *)(uintptr_t)arch_take_storage(bytes);
}

static uint16_t rx_queue(unsigned port)
{
	return (uint16_t)(port == 0 ? 0 : 2 * port + 2);
}

/* ---- control messages ---- */

static bool ctl_send(struct vser_dev *d, uint32_t id, uint16_t event, uint16_t value)
{
	for (uint16_t s = 0; s < CTL_TX_SLOTS && s < d->c_tx.num; s++) {
		if (d->c_tx_busy[s])
			continue;
		put_be32(d->c_txbuf[s], id);
		put_be16(d->c_txbuf[s] + 4, event);
		put_be16(d->c_txbuf[s] + 6, value);
		d->c_tx_busy[s] = true;
		vq_add(&d->c_tx, s, d->c_txbuf[s], VCON_MSG_LEN, false);
		return true;
	}
	return false;
}

static void ctl_pump(struct vser_dev *d)
{
	bool sent = false;

	if (!d->ready_sent) {
		if (!ctl_send(d, 0, VCON_DEVICE_READY, 1))
			return;
		d->ready_sent = sent = true;
	}
	for (unsigned i = 1; i < d->nports; i++) {
		struct vport *p = d->ports[i];

		if (!p || !p->need_ready)
			continue;
		/* Both messages or neither, so a port never stays half ready. */
		if (!ctl_send(d, p->id, VCON_PORT_READY, 1))
			break;
		if (!ctl_send(d, p->id, VCON_PORT_OPEN, 1)) {
			p->need_ready = true;
			break;
		}
		p->need_ready = false;
		sent = true;
	}
	if (sent)
		vq_kick(d->schid, &d->c_tx);
}

/* ---- port events ---- */

static void post(struct vport *p, bool solicited, uint8_t dstat, uint16_t residual)
{
	struct hw_io_event *ev;

	if (!p->claimed || p->ev_head - p->ev_tail >= EVQ_LEN)
		return;
	ev = &p->evq[p->ev_head++ % EVQ_LEN];
	ev->device = p->hw_index;
	ev->solicited = solicited;
	ev->dstat = dstat;
	ev->cstat = 0;
	ev->residual = residual;
	ev->tod = hw_tod_clock();
}

/* The client is gone: end what runs with unit check, or raise attention for the next read. */
static void port_gone(struct vport *p)
{
	p->in_ready = false;
	if (p->gone)
		return;
	p->gone = true;
	if (!p->cmd_active)
		post(p, false, HW_DSTAT_ATTENTION, 0);
}

static void port_open(struct vport *p)
{
	if (p->host_open)
		return;
	p->host_open = true;
	p->gone = false;
	p->in_ready = false;
	if (p->broken) {
		p->broken = false;
		tp_reader_init(&p->rd, 1, p->rdbuf, TP_IN_MAX);
	}
	post(p, false, HW_DSTAT_DEVICE_END, 0);
}

static void port_close(struct vport *p)
{
	if (!p->host_open)
		return;
	p->host_open = false;
	port_gone(p);
}

static void hangup(struct vport *p)
{
	if (p->hup_busy)
		return;
	tp_header(p->hupbuf, TP_OUT_HANGUP, 0);
	p->hup_busy = true;
	vq_add(&p->tx, 1, p->hupbuf, TP_HDR_LEN, false);
	vq_kick(p->dev->schid, &p->tx);
}

static void record_in(void *ctx, uint8_t type, const uint8_t *payload, size_t len)
{
	struct vport *p = ctx;

	if (type != TP_IN_DATA || !p->host_open || p->gone || p->in_ready)
		return; /* nobody to read it, or one already waits: dropped */
	memcpy(p->inrec, payload, len);
	p->in_len = len;
	p->in_ready = true;
	post(p, false, HW_DSTAT_ATTENTION, 0);
}

static void control_in(struct vser_dev *d, const uint8_t *msg, uint32_t len)
{
	uint32_t id;
	uint16_t event, value;
	struct vport *p;

	if (len < VCON_MSG_LEN)
		return;
	id = get_be32(msg);
	event = get_be16(msg + 4);
	value = get_be16(msg + 6);
	if (id == 0 || id >= d->nports || !d->ports[id])
		return;
	p = d->ports[id];
	switch (event) {
	case VCON_PORT_ADD:
		if (!p->added) {
			p->added = true;
			p->need_ready = true;
		}
		break;
	case VCON_PORT_REMOVE:
		p->added = false;
		port_close(p);
		break;
	case VCON_PORT_OPEN:
		if (value)
			port_open(p);
		else
			port_close(p);
		break;
	default: /* CONSOLE_PORT, RESIZE, PORT_NAME: nothing for a terminal */
		break;
	}
}

static void work_port(struct vport *p)
{
	uint16_t id;
	uint32_t len;
	bool refill = false;

	while (vq_take(&p->tx, &id, &len)) {
		if (id == 1) {
			p->hup_busy = false;
			continue;
		}
		p->tx_busy = false;
		if (p->cmd_active) {
			p->cmd_active = false;
			/* QEMU throws away what a closed port's host never read. */
			if (p->gone || !p->host_open) {
				post(p, true, DSTAT_DONE | HW_DSTAT_UNIT_CHECK, 0);
				p->gone = false;
			} else {
				post(p, true, DSTAT_DONE, 0);
			}
		}
	}
	while (vq_take(&p->rx, &id, &len)) {
		if (id >= RX_BUFS)
			continue;
		if (len > RX_BUF_LEN)
			len = RX_BUF_LEN;
		if (!p->broken && tp_feed(&p->rd, p->rxbuf + id * RX_BUF_LEN, len, record_in, p)) {
			p->broken = true;
			port_gone(p);
			hangup(p);
		}
		vq_add(&p->rx, id, p->rxbuf + id * RX_BUF_LEN, RX_BUF_LEN, true);
		refill = true;
	}
	if (refill)
		vq_kick(p->dev->schid, &p->rx);
}

static void work_dev(struct vser_dev *d)
{
	uint16_t id;
	uint32_t len;
	bool refill = false;

	d->kicked = false;
	__atomic_exchange_n(&d->ind, 0, __ATOMIC_SEQ_CST);
	__atomic_exchange_n(&d->conf_ind, 0, __ATOMIC_SEQ_CST);
	while (vq_take(&d->c_tx, &id, &len))
		if (id < CTL_TX_SLOTS)
			d->c_tx_busy[id] = false;
	/* Control first: an open is seen before the data of the session it opens. */
	while (vq_take(&d->c_rx, &id, &len)) {
		if (id >= CTL_RX_BUFS)
			continue;
		control_in(d, d->c_rxbuf[id], len);
		vq_add(&d->c_rx, id, d->c_rxbuf[id], CTL_RX_LEN, true);
		refill = true;
	}
	if (refill)
		vq_kick(d->schid, &d->c_rx);
	ctl_pump(d);
	for (unsigned i = 1; i < d->nports; i++)
		if (d->ports[i])
			work_port(d->ports[i]);
}

/* ---- set-up ---- */

static struct vport *port_setup(struct vser_dev *d, unsigned id, uint16_t devno)
{
	struct vport *p = take(sizeof(*p));
	uint16_t rxq = rx_queue(id);
	int rxn = vccw_queue_size(d->schid, rxq), txn = vccw_queue_size(d->schid, rxq + 1);
	struct hw_device hd;
	int index;

	if (!p || rxn < RX_BUFS || txn < 2)
		return 0;
	memset(p, 0, sizeof(*p));
	p->dev = d;
	p->id = id;
	p->rxbuf = take(RX_BUFS * RX_BUF_LEN);
	p->rdbuf = take(TP_IN_MAX);
	p->inrec = take(TP_IN_MAX);
	p->txbuf = take(TP_HDR_LEN + TP_OUT_MAX);
	if (vccw_setup_vq(d->schid, &p->rx, rxq, (uint16_t)rxn, take(vq_ring_size((uint16_t)rxn))) ||
	    vccw_setup_vq(d->schid, &p->tx, rxq + 1, (uint16_t)txn,
			  take(vq_ring_size((uint16_t)txn))))
		return 0;
	tp_reader_init(&p->rd, 1, p->rdbuf, TP_IN_MAX);
	for (uint16_t b = 0; b < RX_BUFS; b++)
		vq_add(&p->rx, b, p->rxbuf + b * RX_BUF_LEN, RX_BUF_LEN, true);
	memset(&hd, 0, sizeof(hd));
	hd.devno = devno;
	hd.cu_type = 0x3274;
	hd.dev_type = 0x3270;
	hd.dev_model = 2;
	hd.identified = true;
	hd.enabled = true;
	index = cio_add_virtual(&hd);
	if (index < 0)
		return 0;
	p->hw_index = (unsigned)index;
	port_of[index] = p;
	return p;
}

static void dev_setup(uint32_t schid, uint16_t *devno)
{
	struct vser_dev *d;
	uint32_t features;
	uint8_t config[12];
	uint32_t max_ports;
	int cn;

	if (ndevs >= MAX_DEVS)
		return;
	if (vccw_reset(schid) || vccw_write_status(schid, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER) ||
	    vccw_read_features(schid, &features) || !(features & VIRTIO_CONSOLE_F_MULTIPORT) ||
	    vccw_write_features(schid, VIRTIO_CONSOLE_F_MULTIPORT) ||
	    vccw_read_config(schid, config, sizeof(config)))
		goto failed;
	max_ports = get_be32(config + 4);
	if (max_ports > PORTS_PER_DEV)
		max_ports = PORTS_PER_DEV;
	d = take(sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->schid = schid;
	cn = vccw_queue_size(schid, 2);
	if (cn < CTL_RX_BUFS || vccw_setup_vq(schid, &d->c_rx, 2, (uint16_t)cn,
					      take(vq_ring_size((uint16_t)cn))))
		goto failed;
	cn = vccw_queue_size(schid, 3);
	if (cn < 1 || vccw_setup_vq(schid, &d->c_tx, 3, (uint16_t)cn,
				    take(vq_ring_size((uint16_t)cn))))
		goto failed;
	for (uint16_t b = 0; b < CTL_RX_BUFS; b++)
		vq_add(&d->c_rx, b, d->c_rxbuf[b], CTL_RX_LEN, true);
	d->nports = 1;
	for (unsigned id = 1; id < max_ports; id++) {
		struct vport *p = port_setup(d, id, (*devno)++);

		if (!p)
			break;
		d->ports[id] = p;
		d->nports = id + 1;
		/* Ready at once: a PORT_ADD may be lost when QEMU sends more than fit. */
		p->need_ready = true;
	}
	if (vccw_set_indicators(schid, &d->ind, &d->conf_ind) ||
	    vccw_write_status(schid, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER |
			      VIRTIO_STATUS_DRIVER_OK))
		goto failed;
	devs[ndevs++] = d;
	vq_kick(schid, &d->c_rx);
	for (unsigned i = 1; i < d->nports; i++)
		vq_kick(schid, &d->ports[i]->rx);
	ctl_pump(d);
	return;
failed:
	vccw_write_status(schid, VIRTIO_STATUS_FAILED);
}

void vserial_init(void)
{
	uint16_t devno = FIRST_DEVNO;
	unsigned n = hw_device_count();

	for (unsigned i = 0; i < n; i++) {
		const struct hw_device *hd = hw_device(i);

		if (hd->enabled && hd->identified && hd->cu_type == VIRTIO_CCW_CU_TYPE &&
		    hd->cu_model == VIRTIO_ID_CONSOLE)
			dev_setup(hd->schid, &devno);
	}
	any_kicked = ndevs > 0; /* whatever came before the indicators were set */
}

/* ---- the contract with cio_interrupt and cio_async (hw_io_*) ---- */

bool vserial_interrupt(uint32_t schid, const struct irb *irb)
{
	(void)irb;
	for (unsigned i = 0; i < ndevs; i++) {
		if (devs[i]->schid == schid) {
			devs[i]->kicked = true;
			any_kicked = true;
			return true;
		}
	}
	return false;
}

bool vserial_is_port(unsigned device)
{
	return device < CIO_MAX_DEVICES && port_of[device];
}

int vserial_claim(unsigned device)
{
	port_of[device]->claimed = true;
	return 0;
}

int vserial_start(unsigned device, uint8_t command, void *data, uint16_t count)
{
	struct vport *p = port_of[device];
	uint16_t n;

	if (!p->claimed)
		return -1;
	if (p->cmd_active)
		return -2;
	if (p->tx_busy && !p->host_open)
		return -1; /* a buffer QEMU kept for a host that is gone: not operational */
	if (p->gone || !p->host_open) {
		/* Intervention required, as a 3270 whose client left. */
		p->gone = false;
		post(p, true, DSTAT_DONE | HW_DSTAT_UNIT_CHECK, count);
		return 0;
	}
	switch (command) {
	case CMD_READ_MODIFIED:
	case CMD_READ_MODIFIED_ALL:
	case CMD_READ_BUFFER:
		n = 0;
		if (p->in_ready) {
			n = p->in_len < count ? (uint16_t)p->in_len : count;
			memcpy(data, p->inrec, n);
			p->in_ready = false;
		}
		post(p, true, DSTAT_DONE, (uint16_t)(count - n));
		return 0;
	case CMD_WRITE:
	case CMD_ERASE_WRITE:
	case CMD_ERASE_WRITE_ALT:
	case CMD_WRITE_SF:
		if ((size_t)count + 1 > TP_OUT_MAX || p->tx_busy) {
			post(p, true, DSTAT_DONE | HW_DSTAT_UNIT_CHECK, count);
			return 0;
		}
		tp_header(p->txbuf, TP_OUT_DATA, (size_t)count + 1);
		p->txbuf[TP_HDR_LEN] = command;
		memcpy(p->txbuf + TP_HDR_LEN + 1, data, count);
		p->tx_busy = true;
		p->cmd_active = true;
		vq_add(&p->tx, 0, p->txbuf, (uint32_t)(TP_HDR_LEN + 1 + count), false);
		vq_kick(p->dev->schid, &p->tx);
		return 0;
	default:
		post(p, true, DSTAT_DONE, command == CMD_NOP ? 0 : count);
		return 0;
	}
}

void vserial_cancel(unsigned device)
{
	struct vport *p = port_of[device];

	/*
	 * The buffer stays QEMU's until it is used (tx_busy); the command simply ends. A write
	 * the host does not take is a client that stopped reading: have the relay hang up.
	 */
	p->cmd_active = false;
	if (p->tx_busy && p->host_open)
		hangup(p);
}

bool vserial_next_event(struct hw_io_event *ev)
{
	if (any_kicked) {
		any_kicked = false;
		for (unsigned i = 0; i < ndevs; i++)
			work_dev(devs[i]);
	}
	for (unsigned i = 0; i < ndevs; i++) {
		struct vser_dev *d = devs[i];

		for (unsigned j = 1; j < d->nports; j++) {
			struct vport *p = d->ports[j];

			if (p && p->ev_tail != p->ev_head) {
				*ev = p->evq[p->ev_tail++ % EVQ_LEN];
				return true;
			}
		}
	}
	return false;
}

bool vserial_pending(void)
{
	if (any_kicked)
		return true;
	for (unsigned i = 0; i < ndevs; i++)
		for (unsigned j = 1; j < devs[i]->nports; j++)
			if (devs[i]->ports[j] && devs[i]->ports[j]->ev_tail != devs[i]->ports[j]->ev_head)
				return true;
	return false;
}
