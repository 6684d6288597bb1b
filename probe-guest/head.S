/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probe guest's first bytes: the arm64 Image header Xen's dom0less
 * loader accepts (xen/arch/arm/kernel.c:kernel_zimage64_probe checks only
 * the magic), the entry, and an exception vector table so that a fault
 * prints a line instead of hanging the domain silently.
 *
 * Memory at entry (MMU off, so addresses are physical or, for a domain that
 * is not direct-mapped, guest physical):
 *   image | script (appended by the host, XSMP_HDR_LENGTH bytes) |
 *   work area, page aligned: buffer 1, buffer 2, stack
 */
#include "script_format.h"

#define WORK_BYTES (2 * XSMP_BUF_SIZE + 16384)

    .section .head, "ax"
    .globl _start
_start:
    b       entry
    .long   0
    .quad   0                   /* text_offset: at the start of the RAM bank */
    .quad   0                   /* image_size: the host writes image + script */
    .quad   0                   /* flags: little-endian */
    .quad   0, 0, 0
    .ascii  "ARM\x64"
    .long   0

entry:
    msr     daifset, #0xf       /* the probe takes no interrupt */
    adr     x0, vectors
    msr     vbar_el1, x0
    isb
    adr     x19, _image_end     /* the script starts where the image ends */
    ldr     w1, [x19, #XSMP_HDR_LENGTH]
    mov     w2, #XSMP_SCRIPT_MAX
    cmp     w1, w2
    csel    w1, wzr, w1, hi     /* too long to trust: probe_main refuses it */
    add     x20, x19, x1
    add     x20, x20, #4095
    and     x20, x20, #~4095
    add     x2, x20, #WORK_BYTES
    mov     sp, x2
    mov     x0, x19
    mov     x1, x20
    bl      probe_main
1:  b       1b                  /* probe_main parks and never returns */

/* Every exception: report the syndrome, the faulting offset in the image. */
    .macro  vector index
    .balign 0x80
    mrs     x0, esr_el1
    mrs     x1, elr_el1
    adr     x4, _start
    sub     x1, x1, x4
    mrs     x2, far_el1
    mov     x3, #\index
    b       probe_fault
    .endm

    .balign 2048
vectors:
    .irp    i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    vector  \i
    .endr
