/*
 * Storage isolation: fills pages of its own storage with a pattern derived from its CPU address
 * and the time it started, yields to CP (DIAG X'44') in a loop for a few seconds while other
 * guests (hostile.c) do their worst, re-checks the pattern every half second and reports.
 * A page that changed is reported with its address and the first differing doubleword.
 */
#include "diag.h"
#include "guest.h"

#define CHECK_SECONDS  3
#define CHECK_EVERY_US 500000
#define MAX_PAGES      256 /* 1 MB */
#define PAGE	       4096

extern char _end[];

static uint64_t seed;
static bool diag44_works;

static uint64_t *page_at(uint64_t start, unsigned i)
{
	return (uint64_t *)(uintptr_t)(start + (uint64_t)i * PAGE);
}

static uint64_t fill(uint64_t start, unsigned pages)
{
	uint64_t state = seed, sum = 0;

	for (unsigned i = 0; i < pages; i++) {
		uint64_t *p = page_at(start, i);

		for (unsigned j = 0; j < PAGE / 8; j++) {
			p[j] = prng_next(&state);
			sum = (sum << 1 | sum >> 63) ^ p[j];
		}
	}
	return sum;
}

/* Returns the number of bad pages, reporting the first few. */
static unsigned verify(uint64_t start, unsigned pages, uint64_t want_sum)
{
	uint64_t state = seed, sum = 0;
	unsigned bad = 0;

	for (unsigned i = 0; i < pages; i++) {
		const volatile uint64_t *p = page_at(start, i);
		bool page_bad = false;

		for (unsigned j = 0; j < PAGE / 8; j++) {
			uint64_t want = prng_next(&state), got = p[j];

			sum = (sum << 1 | sum >> 63) ^ got;
			if (got != want && !page_bad) {
				page_bad = true;
				if (bad < 4)
					report_info("page %lx: doubleword %u is %016lx, not %016lx",
						    (unsigned long)(uintptr_t)p, j,
						    (unsigned long)got, (unsigned long)want);
			}
		}
		bad += page_bad;
	}
	if (!bad && sum != want_sum)
		bad = 1;
	return bad;
}

static void yield(void)
{
	if (diag44_works) {
		diag44();
	} else {
		for (volatile int i = 0; i < 1000; i++)
			;
	}
}

int main(void)
{
	uint64_t start = ((uint64_t)(uintptr_t)_end + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	uint64_t avail = guest_env.storage_size > start ? guest_env.storage_size - start : 0;
	unsigned pages = avail / PAGE < MAX_PAGES ? (unsigned)(avail / PAGE) : MAX_PAGES;
	uint64_t sum, begin, next_check, yields = 0;
	unsigned checks = 0, bad_checks = 0;

	report_prefix_push("checksum");
	expect_pgm_int();
	diag44();
	diag44_works = pgm_int_code() == 0;
	if (!diag44_works)
		report_info("DIAG X'44' is not available: busy-waiting instead");

	seed = stck() ^ ((uint64_t)stap() << 48) ^ 0x5eed5eed5eed5eedULL;
	report(pages >= 16, "%u pages from %lx (storage %lu KB)", pages, (unsigned long)start,
	       (unsigned long)(guest_env.storage_size >> 10));
	sum = fill(start, pages);
	report_info("seed %016lx, checksum %016lx", (unsigned long)seed, (unsigned long)sum);
	report(verify(start, pages, sum) == 0, "pattern reads back at once");

	begin = stck();
	next_check = begin + tod_us(CHECK_EVERY_US);
	while (stck() - begin < tod_us(CHECK_SECONDS * 1000000ULL)) {
		yield();
		yields++;
		if (stck() >= next_check) {
			unsigned bad = verify(start, pages, sum);

			checks++;
			if (bad) {
				bad_checks++;
				report_info("check %u: %u pages changed", checks, bad);
			}
			next_check = stck() + tod_us(CHECK_EVERY_US);
		}
	}
	checks++;
	if (verify(start, pages, sum))
		bad_checks++;
	report(bad_checks == 0, "pattern intact after %lu yields over %u s (%u checks, %u bad)",
	       (unsigned long)yields, CHECK_SECONDS, checks, bad_checks);
	report_prefix_pop();
	return report_summary();
}
