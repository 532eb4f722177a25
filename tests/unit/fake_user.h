/*
 * What the fake user layer (tests/unit/fake_user.c) records for tests of CP commands
 * (tests/unit/test_cmd.c): SHUTDOWN warnings, logoffs, BEGINs, and the last line of output.
 */
#ifndef TESTS_UNIT_FAKE_USER_H
#define TESTS_UNIT_FAKE_USER_H

extern unsigned fake_warned, fake_logoffs, fake_begins;
extern char fake_output[512];

/* operator_msg(): how many, and the last */
extern unsigned fake_operator_msgs;
extern char fake_operator_last[160];

#endif
