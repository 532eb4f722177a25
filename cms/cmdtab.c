/*
 * The CMS command table and the commands that are not about files: CP, SET, QUERY, HELP,
 * IDENTIFY and STORE. A line is split into upper-case words (CMS folds commands to upper
 * case); words after "(" are options. A command not in the table goes to CP when SET IMPCP
 * is ON (the default), as on z/VM.
 * Covered by tests/system/test_cms.py.
 */
#include <lib/ctype.h>
#include <lib/format.h>
#include <lib/string.h>
#include <cms/cms.h>
#include <cms/cmds.h>

#define CP_RESPONSE_MAX 8192
#define CP_UNKNOWN_RC	1 /* CP's VMCCMD001E */
#define STORE_MAX	32
#define HELP_PER_LINE	7

bool cms_impcp = true;
bool cms_rdymsg_long;

int cms_pass_to_cp(const char *line, bool implied)
{
	char *resp = cms_alloc(CP_RESPONSE_MAX);
	int rc;

	if (!resp)
		return cms_msg(CMSG_NO_STORAGE);
	rc = diag_cp(line, resp, CP_RESPONSE_MAX);
	if (implied && rc == CP_UNKNOWN_RC && !strncmp(resp, "VMCCMD001E", 10)) {
		cms_free(resp);
		return cms_msg(CMSG_UNKNOWN_COMMAND);
	}
	for (char *p = resp; *p;) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = 0;
		con_write(p);
		if (!nl)
			break;
		p = nl + 1;
	}
	cms_free(resp);
	return rc;
}

/* CP command: everything after the word CP goes to CP as typed. */
static int cmd_cp(struct cms_args *a, const char *line)
{
	while (*line == ' ')
		line++;
	while (*line && *line != ' ')
		line++;
	while (*line == ' ')
		line++;
	if (a->argc < 2)
		return cms_msg(CMSG_MISSING_OPERAND, ": CP command");
	return cms_pass_to_cp(line, false);
}

static int set_onoff(const struct cms_args *a, bool *flag)
{
	if (a->argc != 3)
		return cms_msg(a->argc < 3 ? CMSG_MISSING_OPERAND : CMSG_INVALID_OPERAND,
			       a->argc < 3 ? ": ON or OFF" : a->argv[3]);
	if (!strcmp(a->argv[2], "ON"))
		*flag = true;
	else if (!strcmp(a->argv[2], "OFF"))
		*flag = false;
	else
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[2]);
	return 0;
}

static int cmd_set(struct cms_args *a, const char *line)
{
	(void)line;
	if (a->argc < 2)
		return cms_msg(CMSG_MISSING_OPERAND, ": IMPCP or RDYMSG");
	if (cms_abbrev(a->argv[1], "IMPCP", 5))
		return set_onoff(a, &cms_impcp);
	if (cms_abbrev(a->argv[1], "RDYMSG", 6)) {
		if (a->argc != 3)
			return cms_msg(CMSG_MISSING_OPERAND, ": LMSG or SMSG");
		if (!strcmp(a->argv[2], "LMSG"))
			cms_rdymsg_long = true;
		else if (!strcmp(a->argv[2], "SMSG"))
			cms_rdymsg_long = false;
		else
			return cms_msg(CMSG_INVALID_OPERAND, a->argv[2]);
		return 0;
	}
	return cms_msg(CMSG_INVALID_OPERAND, a->argv[1]);
}

static int cmd_query(struct cms_args *a, const char *line)
{
	if (a->argc < 2)
		return cms_msg(CMSG_MISSING_OPERAND, ": DISK, SEARCH, TIME, VIRTUAL, IMPCP or RDYMSG");
	if (cms_abbrev(a->argv[1], "DISK", 4))
		return query_disk(a);
	if (cms_abbrev(a->argv[1], "SEARCH", 6))
		return query_search(a);
	if (cms_abbrev(a->argv[1], "IMPCP", 5)) {
		con_printf("IMPCP = %s", cms_impcp ? "ON" : "OFF");
		return 0;
	}
	if (cms_abbrev(a->argv[1], "RDYMSG", 6)) {
		con_printf("RDYMSG = %s", cms_rdymsg_long ? "LMSG" : "SMSG");
		return 0;
	}
	/* TIME, VIRTUAL and the rest are CP's to answer. */
	return cms_pass_to_cp(line, true);
}

static int cmd_identify(struct cms_args *a, const char *line)
{
	struct cms_ident id;
	struct cms_clock c;

	(void)line;
	if (a->argc > 1)
		return cms_msg(CMSG_INVALID_OPERAND, a->argv[1]);
	diag_identify(&id);
	diag_clock(&c);
	con_printf("%-8s AT %-8s VIA %-8s %s %s UTC", id.userid, "VM64", "CP", c.date, c.time);
	return 0;
}

static int hex_value(const char *s, uint64_t *out)
{
	return *s ? str_to_u64(s, 16, out) : -1;
}

/* STORE hexloc hexdata: a debugging aid (VM/370 CMS DEBUG's STORE). */
static int cmd_store(struct cms_args *a, const char *line)
{
	uint64_t addr, storage = diag_storage_size();
	uint8_t bytes[STORE_MAX];
	size_t n = 0, len;
	const char *hex;

	(void)line;
	if (a->argc != 3)
		return cms_msg(a->argc < 3 ? CMSG_MISSING_OPERAND : CMSG_INVALID_OPERAND,
			       a->argc < 3 ? ": hexloc hexdata" : a->argv[3]);
	if (hex_value(a->argv[1], &addr) != 0 || addr >= storage)
		return cms_msg(CMSG_INVALID_ADDRESS, a->argv[1]);
	hex = a->argv[2];
	len = strlen(hex);
	if (len % 2 || len / 2 > STORE_MAX || addr + len / 2 > storage)
		return cms_msg(CMSG_INVALID_OPERAND, hex);
	for (; n < len / 2; n++) {
		char pair[3] = {hex[2 * n], hex[2 * n + 1], 0};
		uint64_t v;

		if (str_to_u64(pair, 16, &v) != 0)
			return cms_msg(CMSG_INVALID_OPERAND, hex);
		bytes[n] = (uint8_t)v;
	}
	/* A real store by the guest: into the shared nucleus it takes a protection exception. */
	for (size_t i = 0; i < n; i++)
		((volatile uint8_t *)(uintptr_t)addr)[i] = bytes[i];
	return cms_msg(CMSG_STORED, (unsigned)n, a->argv[1]);
}

static int cmd_help(struct cms_args *a, const char *line);

const struct cms_command cms_commands[] = {
	{ "ACCESS", 2, cmd_access, "ACCESS vdev mode",
	  "Makes a disk's files available under a mode letter A-Z" },
	{ "CP", 2, cmd_cp, "CP command", "Passes a command to CP" },
	{ "COPYFILE", 4, cmd_copyfile, "COPYFILE fn ft fm fn2 ft2 fm2 (REPLACE",
	  "Copies a file; = in the target means the same as the source" },
	{ "EDIT", 1, cmd_edit, "EDIT fn ft [fm]",
	  "Line editor (INPUT TOP BOTTOM UP DOWN LOCATE CHANGE DELETE FILE QUIT)" },
	{ "ERASE", 2, cmd_erase, "ERASE fn ft [fm]", "Erases a file" },
	{ "FORMAT", 4, cmd_format, "FORMAT vdev mode [label]",
	  "Formats a disk for CMS files (erases everything on it)" },
	{ "HELP", 1, cmd_help, "HELP [command]", "Lists the commands, or describes one" },
	{ "IDENTIFY", 2, cmd_identify, "IDENTIFY", "Shows your user ID, the system and the time" },
	{ "LISTFILE", 1, cmd_listfile, "LISTFILE [fn [ft [fm]]] (LABEL",
	  "Lists files (* matches any string, % one character)" },
	{ "PEEK", 4, cmd_peek, "PEEK [spoolid] (FOR n",
	  "Shows the first records of a reader file and leaves it there" },
	{ "PRINT", 2, cmd_print, "PRINT fn ft [fm]", "Prints a file on your virtual printer (00E)" },
	{ "PUNCH", 2, cmd_punch, "PUNCH fn ft [fm] (NOHEADER",
	  "Punches a file to your virtual punch (00D), after a :READ header card" },
	{ "QUERY", 1, cmd_query, "QUERY DISK|SEARCH|IMPCP|RDYMSG|TIME|VIRTUAL",
	  "Shows CMS settings and disks; other operands go to CP" },
	{ "RDRLIST", 4, cmd_rdrlist, "RDRLIST",
	  "Lists your reader's files; then RECEIVE n, PEEK n, DISCARD n, QUIT" },
	{ "READCARD", 5, cmd_readcard, "READCARD fn ft [fm]",
	  "Reads your reader's next file into a file (a header card's name wins)" },
	{ "RECEIVE", 3, cmd_receive, "RECEIVE [spoolid|*] [fn ft [fm]] (REPLACE",
	  "Reads a reader file into a file of its own name, type and format" },
	{ "RELEASE", 3, cmd_release, "RELEASE mode|vdev", "Releases an accessed disk" },
	{ "RENAME", 3, cmd_rename, "RENAME fn ft fm fn2 ft2 fm2", "Renames a file" },
	{ "SENDFILE", 4, cmd_sendfile, "SENDFILE fn ft fm [TO] userid",
	  "Sends a file to a user's reader; RECEIVE makes it the same file again" },
	{ "SET", 3, cmd_set, "SET IMPCP ON|OFF | SET RDYMSG LMSG|SMSG",
	  "IMPCP: other commands go to CP; RDYMSG LMSG: Ready; T=cpu/elapsed" },
	{ "STORE", 3, cmd_store, "STORE hexloc hexdata",
	  "Stores bytes into your virtual storage (a debugging aid)" },
	{ "TELL", 4, cmd_tell, "TELL userid text", "Sends a message to a user (CP MSG)" },
	{ "TYPE", 1, cmd_type, "TYPE fn ft [fm]", "Displays a file" },
};
const size_t cms_command_count = sizeof(cms_commands) / sizeof(cms_commands[0]);

const struct cms_command *cms_find_command(const char *word)
{
	for (size_t i = 0; i < cms_command_count; i++)
		if (cms_abbrev(word, cms_commands[i].name, cms_commands[i].min))
			return &cms_commands[i];
	return NULL;
}

static int cmd_help(struct cms_args *a, const char *line)
{
	const struct cms_command *c;

	(void)line;
	if (a->argc == 1) {
		/* Names only, HELP_PER_LINE to a line: the list fits one screen. */
		char row[HELP_PER_LINE * 10 + 3];
		size_t used = 0;

		con_write("CMS commands (the shortest abbreviation is in upper case):");
		for (size_t i = 0; i < cms_command_count; i++) {
			char name[12];
			size_t k;

			c = &cms_commands[i];
			for (k = 0; c->name[k] && k < sizeof(name) - 1; k++)
				name[k] = k < c->min ? c->name[k] : (char)ktolower(c->name[k]);
			name[k] = 0;
			used += (size_t)ksnprintf(row + used, sizeof(row) - used, "%s%-9s",
						  used ? " " : "  ", name);
			if (i % HELP_PER_LINE == HELP_PER_LINE - 1 || i + 1 == cms_command_count) {
				con_write(row);
				used = 0;
			}
		}
		con_write("Other commands go to CP (SET IMPCP); HELP command describes one.");
		return 0;
	}
	c = cms_find_command(a->argv[1]);
	if (!c)
		return cms_msg(CMSG_NO_HELP, a->argv[1]);
	con_printf("%s - %s", c->name, c->help);
	con_printf("Syntax: %s", c->syntax);
	return 0;
}
