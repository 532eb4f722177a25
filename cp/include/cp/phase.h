/*
 * Where an interaction's time goes (cp/mon/phase.c): CP stamps each step of a terminal
 * interaction with the TOD clock and keeps, per step, a count, a sum, a maximum and a
 * last-minute histogram (cp/resp.h), so the split of a response time between CP, the
 * channel (the emulator's 3270 side) and the guest can be read inside CP, unpolluted by any
 * client's CPU time. The main loop's own figures (a terminal poll pass, a wait, a run of
 * guests) are kept the same way. INDICATE RESPONSE shows them. Everything here is
 * arithmetic on the times the callers pass in.
 * Tested by tests/unit/test_phase.c.
 */
#ifndef CP_PHASE_H
#define CP_PHASE_H

#include <stdbool.h>
#include <stdint.h>
#include <cp/resp.h>

enum phase_id {
	/* One interaction, in order (each from the end of the one before). */
	PHASE_ATTN,	  /* attention interruption to CP acting on it (main-loop latency) */
	PHASE_READ_START, /* CP acting on it to Read Modified started */
	PHASE_READ,	  /* Read Modified started to its ending interruption (channel) */
	PHASE_TO_GUEST,	  /* its ending interruption to the user's vcpu first dispatched */
	PHASE_GUEST,	  /* first dispatch to the guest's next wait (it has answered) */
	PHASE_TO_WRITE,	  /* that wait to the answering write started */
	PHASE_WRITE,	  /* write started to its ending interruption (channel) */
	PHASE_END,	  /* that interruption to CP taking it: the response time ends */
	PHASE_TOTAL,	  /* attention interruption to the end: the response time */
	/* Within PHASE_GUEST: what the user's machine was charged (TTIME: it and CP's work
	 * for it), and of that the guest's own (VTIME); the rest of GUEST is others' turns. */
	PHASE_GUEST_CPU,
	PHASE_GUEST_VIRT,
	/* The main loop (cp/main.c). */
	PHASE_POLL,	  /* one term_poll pass */
	PHASE_WAIT,	  /* one hw_wait with nothing ready */
	PHASE_RUN,	  /* one dispatch_run */
	PHASE_EVENT_LAG,  /* any terminal event: interruption to CP acting on it */
	PHASE_COUNT
};

struct phase_stat {
	struct resp_stats win;	/* the last minute's histogram (resp_stats_last_minute) */
	uint64_t n;		/* since IPL or the last reset */
	uint64_t sum_us;
	uint64_t max_us;
};

extern struct phase_stat phase_stats[PHASE_COUNT];
extern const char *const phase_names[PHASE_COUNT];

/* One figure of us microseconds for phase p, at now_us (out-of-range p: ignored). */
void phase_record(enum phase_id p, uint64_t now_us, uint64_t us);
/* Starts every figure afresh. */
void phase_reset_all(void);

/*
 * One interaction's TOD stamps (0: the step did not happen, e.g. no guest ran for a CP
 * command). phase_interaction() records the steps between stamps that are set and in order,
 * and the total from attn to end.
 */
struct phase_stamps {
	uint64_t attn;		/* attention interruption */
	uint64_t attn_taken;	/* CP acted on it */
	uint64_t read_start;
	uint64_t read_end;	/* the Read Modified's ending interruption */
	uint64_t dispatch;	/* the user's vcpu first dispatched after the input */
	uint64_t guest_wait;	/* its first wait after that */
	uint64_t write_start;
	uint64_t write_end;	/* the answering write's ending interruption */
	uint64_t end;		/* CP took it */
	uint64_t guest_cpu;	/* TOD units of TTIME, and of VTIME, from the input to guest_wait */
	uint64_t guest_virt;
};

void phase_interaction(const struct phase_stamps *st);

#endif /* CP_PHASE_H */
