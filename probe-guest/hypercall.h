/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's arm64 hypercall ABI (xen/arch/arm/traps.c:do_trap_hypercall): hvc
 * with the immediate 0xEA1, the hypercall number in x16, arguments in
 * x0..x4, the result in x0.  A debug Xen poisons the argument registers it
 * did not use, so all of them are outputs here.
 */
#ifndef XSMP_HYPERCALL_H
#define XSMP_HYPERCALL_H

#include <stdint.h>

/* Hypercall numbers and commands (xen/include/public/xen.h, sched.h). */
#define HC_CONSOLE_IO   18
#define HC_SCHED_OP     29
#define CONSOLEIO_WRITE 0
#define SCHEDOP_YIELD   0
#define SCHEDOP_BLOCK   1

static inline long hypercall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                             uint64_t a4)
{
    register uint64_t x0 __asm__("x0") = a0;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    register uint64_t x4 __asm__("x4") = a4;
    register uint64_t x16 __asm__("x16") = nr;
    __asm__ volatile("hvc #0xEA1"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x16)
                     :
                     : "memory");
    return (long)x0;
}

static inline void console_write(const char *s, uint64_t len)
{
    hypercall(HC_CONSOLE_IO, CONSOLEIO_WRITE, len, (uint64_t)(uintptr_t)s, 0, 0);
}

static inline void sched_yield(void)
{
    hypercall(HC_SCHED_OP, SCHEDOP_YIELD, 0, 0, 0, 0);
}

static inline void sched_block(void)
{
    hypercall(HC_SCHED_OP, SCHEDOP_BLOCK, 0, 0, 0, 0);
}

/* The generic timer's virtual counter, readable at EL1 without set-up. */
static inline uint64_t counter_now(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
    return v;
}

static inline uint64_t counter_hz(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

#endif
