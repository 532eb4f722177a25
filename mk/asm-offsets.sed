# The markers of an asm-offsets.c compiled with -S (arch/offsets_gen.h's DEFINE) as #define
# lines: '.ascii "->NAME value"' becomes '#define NAME value'. Run with sed -n.
s/^[[:space:]]*\.ascii[[:space:]]*"->\([A-Za-z_][A-Za-z0-9_]*\) \(-\{0,1\}[0-9][0-9]*\)"[[:space:]]*$/#define \1 \2/p
