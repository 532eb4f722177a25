/* The cp/vm/vm.c hooks for host unit tests, with capture (see fake_gmem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fake_gmem.h"

char fake_console[FAKE_CONSOLE_LINES][256];
unsigned fake_console_count;
char fake_cmd_lines[4][256];
unsigned fake_cmd_count;
const char *fake_cmd_response = "";
int fake_cmd_rc;

void fake_console_reset(void)
{
	memset(fake_console, 0, sizeof(fake_console));
	fake_console_count = 0;
	memset(fake_cmd_lines, 0, sizeof(fake_cmd_lines));
	fake_cmd_count = 0;
	fake_cmd_response = "";
	fake_cmd_rc = 0;
}

void vm_console_output(struct vm *vm, const char *text, size_t len)
{
	(void)vm;
	if (fake_console_count < FAKE_CONSOLE_LINES)
		snprintf(fake_console[fake_console_count++], sizeof(fake_console[0]), "%.*s",
			 (int)len, text);
}

int vm_cp_command(struct vm *vm, const char *line, char *resp, size_t resp_size)
{
	(void)vm;
	if (fake_cmd_count < 4)
		snprintf(fake_cmd_lines[fake_cmd_count++], sizeof(fake_cmd_lines[0]), "%s", line);
	if (resp_size)
		snprintf(resp, resp_size, "%s", fake_cmd_response);
	return fake_cmd_rc;
}

struct vm *fake_vm_new(uint64_t storage)
{
	struct vm *vm = calloc(1, sizeof(*vm));

	if (!vm || gmem_init(&vm->mem, storage) != 0) {
		free(vm);
		return NULL;
	}
	strcpy(vm->userid, "TESTUSER");
	vm->in_use = true;
	vm->vcpu.vm = vm;
	vm->cpus_defined = 1;
	vm->max_cpus = 1;
	vm->vcpu.state = VCPU_RUNNABLE;
	vm->vcpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
	vm->vcpu.crs[0] = 0xe0;
	vm->vcpu.crs[14] = 0xc2000000;
	fake_gmem_pages_left = -1;
	fake_frames_left = -1;
	return vm;
}

void fake_vm_free(struct vm *vm)
{
	if (!vm)
		return;
	for (unsigned i = 0; i < VM_SKEY_CHUNKS; i++) {
		if (vm->skeys[i]) {
			free(vm->skeys[i]);
			fake_frames_out--;
		}
	}
	gmem_release(&vm->mem);
	free(vm);
}
