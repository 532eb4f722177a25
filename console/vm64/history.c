/*
 * The operator's command history file (see history.h).
 * Covered by tests/system/test_opcon.py.
 */
#include "history.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HISTORY_LINE_MAX 1024

int history_load(const char *path, void (*add)(const char *line))
{
	static char lines[HISTORY_KEEP][HISTORY_LINE_MAX];
	char buf[HISTORY_LINE_MAX];
	unsigned total = 0, count, first;
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f)) {
		size_t n = strcspn(buf, "\r\n");

		buf[n] = 0;
		if (!n)
			continue;
		memcpy(lines[total % HISTORY_KEEP], buf, n + 1);
		total++;
	}
	fclose(f);
	count = total < HISTORY_KEEP ? total : HISTORY_KEEP;
	first = total - count;
	for (unsigned i = 0; i < count; i++)
		add(lines[(first + i) % HISTORY_KEEP]);
	if (total > 2 * HISTORY_KEEP) {
		/* Trim: rewrite the file with the commands kept. */
		f = fopen(path, "w");
		if (f) {
			for (unsigned i = 0; i < count; i++)
				fprintf(f, "%s\n", lines[(first + i) % HISTORY_KEEP]);
			fclose(f);
		}
	}
	return (int)count;
}

int history_append(const char *path, const char *line)
{
	char buf[HISTORY_LINE_MAX + 1];
	size_t n = strcspn(line, "\r\n");
	int fd, rc = 0;

	if (n > HISTORY_LINE_MAX - 1)
		n = HISTORY_LINE_MAX - 1;
	memcpy(buf, line, n);
	buf[n++] = '\n';
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (write(fd, buf, n) != (ssize_t)n)
		rc = -1;
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

void history_default_path(char *buf, size_t size)
{
	const char *home = getenv("HOME");

	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : ".";
	}
	snprintf(buf, size, "%s/.vm64_history", home);
}
