/*
 * libFuzzer target for CP command processing (cp/cmd/parse.c), built by "make fuzz"
 * (mk/fuzz.mk) with the host fakes the command unit test uses (tests/unit/fake_hw.c,
 * fake_vmm.c) and the compiled default directory.
 *
 * Input: the first byte is the issuer's privilege classes (bits 0-6: A-G, bit 7: every
 * class); the rest is command lines separated by '\n' (a NUL ends a line early). Each line is
 * tokenized and checked against a reference tokenizer, its tokens are looked up in the real
 * command table and matched against each other as abbreviations (checked against a reference
 * matcher), and then the line is run with cmd_execute() on a fixed fake machine. Every
 * response line must fit the 255-character line buffer.
 */
#include <stdlib.h>
#include <string.h>

#include <cp/cmd.h>
#include <cp/frames.h>
#include <cp/system.h>
#include <cp/tod.h>
#include <lib/ctype.h>

#include "cmd_machine.h"
#include "fake_hw.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINES 16

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	cmd_machine_setup();
	return 0;
}

static void out_line(void *arg, const char *text, size_t len)
{
	unsigned *lines = arg;

	check(len < 256);
	check(memchr(text, 0, len) == NULL);
	(*lines)++;
}

/* The tokenizer's contract, written independently: blank-separated words, upper-cased. */
static void check_tokens(const char *line, const struct cmd_args *a, int n)
{
	size_t len = strlen(line);
	unsigned words = 0;

	for (size_t i = 0; i < len; i++)
		if (!kisspace((unsigned char)line[i]) &&
		    (i == 0 || kisspace((unsigned char)line[i - 1])))
			words++;
	if (len > CMD_LINE_MAX || words > CMD_MAX_ARGS) {
		check(n == -1);
		return;
	}
	check(n == (int)words && a->argc == words);
	for (unsigned i = 0; i < a->argc; i++) {
		size_t tlen = strlen(a->argv[i]);

		check(tlen > 0);
		check(a->argv[i] >= a->buf && a->argv[i] + tlen < a->buf + sizeof(a->buf));
		check(a->orig[i] >= line && a->orig[i] + tlen <= line + len);
		check(i == 0 || a->orig[i] > a->orig[i - 1]);
		for (size_t j = 0; j < tlen; j++)
			check(a->argv[i][j] == (char)ktoupper((unsigned char)a->orig[i][j]) &&
			      !kisspace((unsigned char)a->argv[i][j]));
		check(a->orig[i][tlen] == 0 || kisspace((unsigned char)a->orig[i][tlen]));
	}
}

static bool ref_abbrev(const char *token, const char *name, unsigned min)
{
	size_t tlen = strlen(token);

	if (tlen == 0 || tlen < min || tlen > strlen(name))
		return false;
	for (size_t i = 0; i < tlen; i++)
		if (ktoupper((unsigned char)token[i]) != ktoupper((unsigned char)name[i]))
			return false;
	return true;
}

static void check_lookup(const struct cmd_args *a, uint8_t min)
{
	for (unsigned i = 0; i < a->argc; i++) {
		const struct cmd_def *def = cmd_lookup(cp_commands, cp_command_count, a->argv[i]);
		const struct cmd_def *want = NULL;

		for (size_t k = 0; k < cp_command_count && !want; k++)
			if (ref_abbrev(a->argv[i], cp_commands[k].name, cp_commands[k].min_abbrev))
				want = &cp_commands[k];
		check(def == want);
		/* The tokens against each other as names, with a fuzzed minimum. */
		for (unsigned j = 0; j < a->argc; j++)
			check(cmd_abbrev_matches(a->argv[i], a->argv[j], min % 12) ==
			      ref_abbrev(a->argv[i], a->argv[j], min % 12));
	}
}

static void one_line(const char *line, uint32_t classes, uint8_t min)
{
	struct cmd_args args;
	unsigned lines = 0;
	struct cmd_ctx ctx = { .userid = "FUZZER", .classes = classes, .out = out_line,
			       .out_arg = &lines };
	int n = cmd_tokenize(line, &args);

	check_tokens(line, &args, n);
	if (n > 0)
		check_lookup(&args, min);
	cmd_execute(&ctx, line);
	check(n != 0 || lines == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t classes;
	size_t start = 1;
	unsigned nlines = 0;

	if (size < 1)
		return 0;
	classes = (data[0] & 0x80) ? CLASS_ANY : (uint32_t)(data[0] & 0x7f);
	while (start <= size && nlines++ < MAX_LINES) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t len = nl ? (size_t)(nl - (data + start)) : size - start;
		/* An exact-size copy, so that reading past the line's NUL trips ASan. */
		char *line = malloc(len + 1);

		if (!line)
			abort();
		memcpy(line, data + start, len);
		line[len] = 0;
		one_line(line, classes, data[0]);
		free(line);
		start += len + 1;
	}
	return 0;
}
