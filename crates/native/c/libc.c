/*
 * libc.c: the few libc pieces the native layer must not take from wasi-libc, because
 * wasi-libc's would import WASI functions from the host. The module imports nothing.
 *
 * pcre_exec.c writes to stderr and aborts on an execution path erl_bif_re.c never takes
 * (a run without a loop limit). Reaching it traps.
 */
#include <stddef.h>
#include <stdio.h>

FILE *const stderr = NULL;

size_t fwrite(const void *restrict ptr, size_t size, size_t n, FILE *restrict f) {
    (void)ptr;
    (void)size;
    (void)n;
    (void)f;
    __builtin_trap();
}
