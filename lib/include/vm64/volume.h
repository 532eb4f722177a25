/*
 * Real DASD volumes: the facts CP, the host tool vm64disk and the tests share. A volume is a
 * disk of 512-byte blocks (an FBA 9336 under Hercules, the same raw image file as a
 * virtio-blk disk under QEMU). Block 1 holds its label, as on z/VM's FBA volumes: EBCDIC
 * "VOL1" and the volume serial (volser, 1-6 characters A-Z 0-9 @ # $, blank-padded); the rest
 * of the block is zeros. Blocks 0 to VOL_FIRST_USABLE - 1 belong to the label; minidisk
 * extents start at VOL_FIRST_USABLE or later.
 *
 * vol_label_encode()/vol_label_decode() are in lib/volume.c (portable, tests/unit/test_volume.c).
 */
#ifndef VM64_VOLUME_H
#define VM64_VOLUME_H

#include <stdbool.h>
#include <stdint.h>

#define VOL_BLOCK_SIZE	 512
#define VOL_LABEL_BLOCK	 1
#define VOL_FIRST_USABLE 16   /* blocks 0-15: IPL record, label, room for CP's own records */
#define VOL_MIN_BLOCKS	 64   /* the smallest volume SYSTEM CONFIG accepts */
#define VOL_MAX_BLOCKS	 0xffffffffull /* FBA block numbers are 32 bits */
#define VOLSER_LEN	 6

/* How an FBA volume is attached to Hercules and what SENSE ID shows of it. */
#define VOL_FBA_DEVTYPE	 0x9336
#define VOL_FILE_SUFFIX	 ".fba" /* DATADIR/VOLSER.fba */

/**
 * vol_valid_volser() - whether @s is a volume serial: 1-6 of A-Z 0-9 @ # $ (upper case)
 */
bool vol_valid_volser(const char *s);

/**
 * vol_label_encode() - the label block of a volume
 * @block: VOL_BLOCK_SIZE bytes, filled
 * @volser: a valid volser
 *
 * Return: 0, or -1 when @volser is not valid (@block is then zeros).
 */
int vol_label_encode(uint8_t block[VOL_BLOCK_SIZE], const char *volser);

/**
 * vol_label_decode() - the volser in a label block
 * @block: VOL_BLOCK_SIZE bytes read from block VOL_LABEL_BLOCK
 * @volser: VOLSER_LEN + 1 bytes, the volser without blanks
 *
 * Return: 0, or -1 when the block is no VOL1 label or its volser is not valid.
 */
int vol_label_decode(const uint8_t block[VOL_BLOCK_SIZE], char volser[VOLSER_LEN + 1]);

#endif
