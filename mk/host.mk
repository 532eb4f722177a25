# Host programs: the operator's console (console/host) and the directory/tool programs.

HOST_TOOLS :=

.PHONY: host-tools
host-tools: $(HOST_TOOLS)
