/*
 * Fakes for unit tests of CP's virtual-machine code: guest storage over malloc
 * (fake_gmem.c), and the hooks cp/vm/vm.c would provide - console output and CP commands -
 * with what the code under test passed to them captured (fake_vm.c).
 */
#ifndef TESTS_UNIT_FAKE_GMEM_H
#define TESTS_UNIT_FAKE_GMEM_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/hw.h>
#include <cp/vm.h>

extern long fake_gmem_pages_left;
extern long fake_frames_left;
extern unsigned long fake_frames_out;

uint8_t *fake_abs(struct vm *vm, uint64_t gaddr);
bool fake_touched(const struct vm *vm, uint64_t gaddr);

/* A machine with storage, its vcpu set up as after IPL (64-bit, disabled, prefix 0). */
struct vm *fake_vm_new(uint64_t storage);
void fake_vm_free(struct vm *vm);

/* Console lines the code under test produced, in order. */
#define FAKE_CONSOLE_LINES 16
extern char fake_console[FAKE_CONSOLE_LINES][256];
extern unsigned fake_console_count;
void fake_console_reset(void);

/* The CP command hook: the lines it received, the response and return code it gives. */
extern char fake_cmd_lines[4][256];
extern unsigned fake_cmd_count;
extern const char *fake_cmd_response;
extern int fake_cmd_rc;

#endif
