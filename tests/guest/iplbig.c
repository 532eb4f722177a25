/*
 * IPLBIG: the biggest program a test guest can be, for the IPL benchmark of make bench
 * (tests/bench/bench_spool.py): the same image IPLed as a named system (IPL IPLBIG) and,
 * punched as an IPL deck, from the reader (IPL 00C). Guests load at X'20000' and must end below
 * 1 MB (guest.lds), so the image is 0.8 MB, not the 1 MB issue 15 names. Its 768 KB of data
 * has a marker byte at each end and zeros between: it checks that all of it arrived (the
 * markers and the sum of every byte) and prints its summary.
 */
#include "guest.h"

#define IMAGE_BYTES (768u << 10)

static const uint8_t image[IMAGE_BYTES] = { [0] = 0x5a, [IMAGE_BYTES - 1] = 0xa5 };

int main(void)
{
	const volatile uint8_t *p = image;
	uint64_t sum = 0;

	report_prefix_push("iplbig");
	for (unsigned i = 0; i < IMAGE_BYTES; i++)
		sum += p[i];
	report(p[0] == 0x5a && p[IMAGE_BYTES - 1] == 0xa5 && sum == 0x5a + 0xa5,
	       "768 KB image at %lx loaded whole (sum %lx)", (unsigned long)(uintptr_t)p,
	       (unsigned long)sum);
	report_prefix_pop();
	return report_summary();
}
