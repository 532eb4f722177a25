/*
 * The operator's line console as a channel for CP's life-cycle events (CP ready, shutdown
 * started and complete, ABEND), read by the operator's console program vm64
 * (console/vm64/filter.c; tests: tests/unit/test_opcon_filter.c, tests/system/test_opcon.py).
 *
 * The line console carries text from guests and users too (MSG, a disconnected guest's
 * console, DIAGNOSE X'08' responses), so an event cannot be recognised by its words alone:
 * any words can be typed. CP therefore starts each event line with OPCON_EVENT_MARK, a
 * control character, and only hw_console_event() writes it. Every other line CP writes
 * passes text_sanitize() (lib/string.h) on its way out (hw_console_write()), which turns
 * every control character into '.', so no other line can carry the mark, and text from a
 * guest can neither end a line nor begin one (guest console lines on the line console are
 * always tagged with the user ID).
 *
 * What the emulators make of the mark (seen on both): QEMU's sclplmconsole passes it
 * through as the byte 0x01; Hercules shows any unprintable character as a blank, so there
 * an event line begins with one blank. vm64 therefore accepts an event only when the mark
 * (QEMU) or the blank (Hercules) is followed by the event's exact message number; no CP
 * line that starts with a blank is followed by text a user chose.
 */
#ifndef LIB_OPCON_H
#define LIB_OPCON_H

#define OPCON_EVENT_MARK	   '\x01'
#define OPCON_EVENT_MARK_HERCULES ' '

#endif /* LIB_OPCON_H */
