#define _GNU_SOURCE
// What loading a group of shared libraries costs: loads the groups given on the command line one after the
// other (separated by "--") and reports, for each, the objects, the time and the resident memory it adds.
// scripts/measure-startup uses it to price what Debian's LibTorch brings in through OpenCV (Qt 5 among it).
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static long rssKiB(void) {
    FILE *f = fopen("/proc/self/status", "r"); char line[256]; long kib = -1;
    while (f && fgets(line, sizeof line, f)) if (!strncmp(line, "VmRSS:", 6)) sscanf(line + 6, "%ld", &kib);
    if (f) fclose(f); return kib;
}
static int count(struct dl_phdr_info *i, size_t s, void *n) { (void)i; (void)s; ++*(int *)n; return 0; }
static int loaded(void) { int n = 0; dl_iterate_phdr(count, &n); return n; }

int main(int argc, char **argv) {
    // argv: the libraries of stage 1, "--", the libraries of stage 2, ...
    int stage = 1; double t = now(); long r = rssKiB(); int n = loaded();
    printf("start: %d objects, %ld KiB\n", n, r);
    for (int i = 1; i <= argc; ++i) {
        if (i == argc || !strcmp(argv[i], "--")) {
            double t2 = now(); long r2 = rssKiB(); int n2 = loaded();
            printf("stage %d: +%d objects, +%.1f ms, +%ld KiB resident\n", stage, n2 - n, (t2 - t) * 1e3, r2 - r);
            t = t2; r = r2; n = n2; ++stage; continue;
        }
        if (!dlopen(argv[i], RTLD_NOW | RTLD_GLOBAL)) { printf("%s\n", dlerror()); return 1; }
    }
    return 0;
}
