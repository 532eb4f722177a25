/*
 * ASSERT(cond): an invariant that holds in normal operation, checked always (never compiled
 * out). In CP a failure abends with ABEND_ASSERT (cp/abend.h) through hw_panic(), naming the
 * condition, file and line; in host builds (HOST_BUILD: unit tests, fuzz targets) it prints
 * the same to stderr and aborts, which CUnit and the sanitizers report as a crash of the test.
 * Only for what cannot happen: a condition a user or guest can cause is an error path instead.
 * Covered by tests/unit/test_abend.c.
 */
#ifndef CP_ASSERT_H
#define CP_ASSERT_H

#include <arch/hw.h>
#include <cp/abend.h>

/* CP's form: abend, with the code and where. */
#define ASSERT_ABEND(cond)                                                                    \
	do {                                                                                  \
		if (__builtin_expect(!(cond), 0))                                             \
			hw_panic(ABEND_ASSERT, "%s AT %s:%d", #cond, __FILE__, __LINE__);     \
	} while (0)

#ifdef HOST_BUILD
#include <stdio.h>
#include <stdlib.h>

/* The host's form: the same text on stderr, then abort(). */
#define ASSERT_ABORT(cond)                                                                    \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			fprintf(stderr, "ASSERT %s FAILED AT %s:%d\n", #cond, __FILE__,       \
				__LINE__);                                                    \
			abort();                                                              \
		}                                                                             \
	} while (0)

#define ASSERT(cond) ASSERT_ABORT(cond)
#else
#define ASSERT(cond) ASSERT_ABEND(cond)
#endif

#endif
