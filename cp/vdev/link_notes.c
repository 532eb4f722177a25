/*
 * What a user is told at LOGON about a minidisk of its own that CP gave read-only because
 * other users hold links to it (an MR or WR owner link while someone writes, a W link while
 * someone reads): z/VM's forced-R/O message, as LINK gives it, with who holds the links.
 * Tested by tests/unit/test_logon.c (test_logon_forced_ro).
 */
#include <cp/blkdev.h>
#include <cp/links.h>
#include <cp/msg.h>
#include <cp/vm.h>

/**
 * vm_disk_forced_ro_line() - the LOGON message for a disk given read-only by its links
 * @vm: the machine
 * @d: one of its disks
 * @line: the message, when the result is true
 * @size: bytes at @line
 *
 * Return: true when @d is a minidisk forced read-only (VMCLNK101E-103E written to @line).
 */
bool vm_disk_forced_ro_line(const struct vm *vm, const struct vm_disk *d, char *line,
			    size_t size)
{
	struct link_extent ext;
	struct link_census c;
	char ro[16], rw[16];

	if (!d->bd.ops || !d->forced_ro || !d->mdisk.vol)
		return false;
	ext = (struct link_extent){ .vol = d->mdisk.vol, .start = d->mdisk.start,
				    .count = d->mdisk.blocks };
	link_census(&cp_links, &ext, vm->userid, &c);
	link_census_who(&c, 'O', ro, sizeof(ro));
	link_census_who(&c, 'W', rw, sizeof(rw));
	if (c.rw && c.ro)
		msg_format(line, size, MSG_LINK_FORCED_RWRO, d->bd.devno, rw, ro);
	else if (c.rw)
		msg_format(line, size, MSG_LINK_FORCED_RW, d->bd.devno, rw);
	else
		msg_format(line, size, MSG_LINK_FORCED_RO, d->bd.devno, ro);
	return true;
}
