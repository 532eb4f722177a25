/*
 * SIGNAL PROCESSOR (PoP SA22-7832, "Signal-Processor Orders", chapter 4): order codes,
 * condition codes and status bits. Facts only, no instructions (the SIGP wrapper is in
 * arch/cpu.h): CP's arch/ and its SIGP simulation (cp/icpt/sigp.c), and the guest tests
 * (tests/guest/sigp.c covers them) use this one set. The order codes work in assembler too.
 */
#ifndef ARCH_SIGP_H
#define ARCH_SIGP_H

/* Order codes. */
#define SIGP_SENSE                   0x01
#define SIGP_EXTERNAL_CALL           0x02
#define SIGP_EMERGENCY_SIGNAL        0x03
#define SIGP_START                   0x04
#define SIGP_STOP                    0x05
#define SIGP_RESTART                 0x06
#define SIGP_STOP_AND_STORE_STATUS   0x09
#define SIGP_INITIAL_CPU_RESET       0x0b
#define SIGP_CPU_RESET               0x0c
#define SIGP_SET_PREFIX              0x0d
#define SIGP_STORE_STATUS_AT_ADDRESS 0x0e
#define SIGP_SET_ARCHITECTURE        0x12
#define SIGP_SENSE_RUNNING_STATUS    0x15

/* Condition codes. */
#define SIGP_CC_ACCEPTED        0
#define SIGP_CC_STATUS_STORED   1
#define SIGP_CC_BUSY            2
#define SIGP_CC_NOT_OPERATIONAL 3

#ifndef __ASSEMBLER__
/* Status bits, stored in R1 with cc 1. */
#define SIGP_STATUS_INVALID_ORDER     0x00000002u
#define SIGP_STATUS_CHECK_STOP        0x00000010u
#define SIGP_STATUS_OPERATOR_INTERV   0x00000020u
#define SIGP_STATUS_STOPPED           0x00000040u
#define SIGP_STATUS_EXT_CALL_PENDING  0x00000080u
#define SIGP_STATUS_INVALID_PARAMETER 0x00000100u
#define SIGP_STATUS_INCORRECT_STATE   0x00000200u
#define SIGP_STATUS_NOT_RUNNING       0x00000400u
#endif

#endif
