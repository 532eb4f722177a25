/*
 * PSWFAULT: PSWLOOP (pswloop.c) with a program new PSW that is valid but points at an
 * instruction that faults at once: CP must find the loop by its repeats
 * (tests/system/test_vm.py::test_program_interruption_loops).
 */
#define PSWLOOP_FAULT 1
#include "pswloop.c"
