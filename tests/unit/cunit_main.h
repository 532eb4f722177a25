/*
 * Shared main() for the CUnit test programs: each test file defines its suites with
 * UNIT_SUITE() and ends with UNIT_MAIN(); the program exits with the number of failures.
 */
#ifndef TESTS_UNIT_CUNIT_MAIN_H
#define TESTS_UNIT_CUNIT_MAIN_H

#include <CUnit/Basic.h>
#include <stdio.h>

struct unit_case {
	const char *name;
	void (*fn)(void);
};

#define UNIT_CASE(f) { #f, f }

static inline int unit_add_suite(const char *name, const struct unit_case *cases, size_t n)
{
	CU_pSuite suite = CU_add_suite(name, NULL, NULL);

	if (!suite)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!CU_add_test(suite, cases[i].name, cases[i].fn))
			return -1;
	return 0;
}

#define UNIT_SUITE(name, ...)                                                                   \
	static const struct unit_case name##_cases[] = { __VA_ARGS__ };                         \
	static int name##_register(void)                                                        \
	{                                                                                       \
		return unit_add_suite(#name, name##_cases,                                      \
				      sizeof(name##_cases) / sizeof(name##_cases[0]));          \
	}

/* UNIT_MAIN(suite_a, suite_b, ...) registers the named suites and runs them. */
#define UNIT_MAIN(...)                                                                          \
	int main(void)                                                                          \
	{                                                                                       \
		int (*regs[])(void) = { __VA_ARGS__ };                                          \
		unsigned failures;                                                              \
		if (CU_initialize_registry() != CUE_SUCCESS)                                    \
			return 1;                                                               \
		for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)                     \
			if (regs[i]() != 0) {                                                   \
				fprintf(stderr, "cannot register suite\n");                     \
				return 1;                                                       \
			}                                                                       \
		CU_basic_set_mode(CU_BRM_NORMAL);                                               \
		CU_basic_run_tests();                                                           \
		failures = CU_get_number_of_failures();                                         \
		if (CU_get_number_of_tests_run() == 0)                                          \
			failures = 1;                                                           \
		CU_cleanup_registry();                                                          \
		return (int)failures;                                                           \
	}

#define UNIT_REG(name) name##_register

#endif
