/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probe script: what the host appends after the probe guest's image
 * and the guest runs, record by record.  Shared by the guest (freestanding,
 * arm64) and the host (src/probe/script.c), so it holds only constants:
 * every multi-byte field is little-endian at the offset named here, never a
 * C struct, so that both sides agree whatever their compiler lays out.
 *
 * Layout:
 *   header   XSMP_HDR_SIZE bytes
 *   records  one after the other, each XSMP_REC_FIXED bytes then its
 *            initial bytes of buffer 1, padded with zeros to a multiple of 8
 * The checksum (FNV-1a, 32 bits) covers every byte after the header, so a
 * script cut short or overwritten in memory is refused before anything runs.
 */
#ifndef XSMP_SCRIPT_FORMAT_H
#define XSMP_SCRIPT_FORMAT_H

#define XSMP_MAGIC   0x504d5358u /* "XSMP" */
#define XSMP_VERSION 1u

/* Sizes the guest reserves; the host refuses records that need more. */
#define XSMP_BUF_SIZE    4096u         /* buffer 1 and buffer 2 */
#define XSMP_SCRIPT_MAX  (4u << 20)    /* the whole script */
#define XSMP_MAX_ARGS    5u            /* x0..x4 */
#define XSMP_MAX_PATCHES 8u
#define XSMP_MAX_READS   2u
#define XSMP_WAIT_MAX_MS 600000u

/* Header. */
#define XSMP_HDR_MAGIC    0u  /* u32 XSMP_MAGIC */
#define XSMP_HDR_VERSION  4u  /* u16 XSMP_VERSION */
#define XSMP_HDR_HDRSIZE  6u  /* u16 XSMP_HDR_SIZE */
#define XSMP_HDR_LENGTH   8u  /* u32 bytes of the whole script, header included */
#define XSMP_HDR_NRECORDS 12u /* u32 */
#define XSMP_HDR_CHECKSUM 16u /* u32 FNV-1a of bytes [XSMP_HDR_SIZE, length) */
#define XSMP_HDR_TAG      20u /* u32 the domid the host built this script for */
#define XSMP_HDR_SIZE     24u

/* Record, fixed part. */
#define XSMP_REC_ID        0u   /* u32 printed back as is */
#define XSMP_REC_SIZE      4u   /* u16 bytes of the record, a multiple of 8 */
#define XSMP_REC_NARGS     6u   /* u8 0..XSMP_MAX_ARGS */
#define XSMP_REC_FLAGS     7u   /* u8 XSMP_F_* */
#define XSMP_REC_HYPERCALL 8u   /* u32 hypercall number (x16) */
#define XSMP_REC_WAIT_RC   12u  /* s32 with XSMP_F_WAIT: the rc to wait for */
#define XSMP_REC_WAIT_MS   16u  /* u32 with XSMP_F_WAIT: give up after this long */
#define XSMP_REC_INIT_LEN  20u  /* u16 initial bytes of buffer 1 (the rest is zero) */
#define XSMP_REC_NPATCHES  22u  /* u8 */
#define XSMP_REC_NREADS    23u  /* u8 */
#define XSMP_REC_ARG_KIND  24u  /* u8[8] XSMP_ARG_*, XSMP_MAX_ARGS used */
#define XSMP_REC_ARG_VALUE 32u  /* u64[XSMP_MAX_ARGS] */
#define XSMP_REC_READS     72u  /* XSMP_MAX_READS x {u8 buffer 1|2, u8 width, u16 offset} */
#define XSMP_REC_PATCHES   80u  /* XSMP_MAX_PATCHES x XSMP_PATCH_SIZE */
#define XSMP_REC_FIXED     208u

#define XSMP_READ_SIZE 4u
#define XSMP_READ_BUF  0u
#define XSMP_READ_WIDTH 1u
#define XSMP_READ_OFF  2u

#define XSMP_PATCH_SIZE   16u
#define XSMP_PATCH_OFF    0u  /* u16 offset in buffer 1 */
#define XSMP_PATCH_WIDTH  2u  /* u8 4 or 8 */
#define XSMP_PATCH_KIND   3u  /* u8 XSMP_PATCH_* */
#define XSMP_PATCH_ADDEND 8u  /* u64 */

/* Record flags. */
#define XSMP_F_WAIT 0x01u /* repeat, yielding, until rc == wait_rc or wait_ms pass */
#define XSMP_F_KNOWN XSMP_F_WAIT

/* Argument kinds: what goes into x0..x4. */
#define XSMP_ARG_IMM  0u /* the value */
#define XSMP_ARG_BUF  1u /* address of buffer 1 + value */
#define XSMP_ARG_BUF2 2u /* address of buffer 2 + value */

/* Patch kinds: what is written into buffer 1 before the call. */
#define XSMP_PATCH_BUF2    0u /* address of buffer 2 + addend */
#define XSMP_PATCH_PREV_R0 1u /* the previous record's first readback + addend */

/* Console lines (one per record, then the end):
 *   XSMP start <tag> <nrecords>
 *   XSMP <id> <rc decimal> <r0 hex|-> <r1 hex|->
 *   XSMP done <nrecords>
 *   XSMP error <what>
 */
#define XSMP_LINE_PREFIX "XSMP "

#endif
