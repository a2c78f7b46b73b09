/*
 * read-floor: the I/O floor for reading text reports (bench/run.sh). Reads every file named on standard input
 * (one path a line) whole into memory, one after another on one core, as finsam loads an input, and touches
 * every byte so nothing is skipped. Prints the bytes, the files and the wall and CPU seconds, best of REPEAT.
 *
 *   cc -O2 bench/read-floor.c -o read-floor && find DIR -type f | read-floor [REPEAT]
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int repeat = argc > 1 ? atoi(argv[1]) : 3;
    size_t count = 0, cap = 1024;
    char **paths = malloc(cap * sizeof *paths);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        if (count == cap) paths = realloc(paths, (cap *= 2) * sizeof *paths);
        paths[count++] = strdup(line);
    }
    double best_wall = 1e30, best_cpu = 1e30;
    unsigned long long bytes = 0, checksum = 0;
    for (int r = 0; r < (repeat < 1 ? 1 : repeat); r++) {
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        bytes = 0;
        for (size_t i = 0; i < count; i++) {
            int fd = open(paths[i], O_RDONLY);
            struct stat st;
            if (fd < 0 || fstat(fd, &st) != 0) { perror(paths[i]); return 1; }
            unsigned char *buf = malloc(st.st_size + 1);
            ssize_t got, total = 0;
            while ((got = read(fd, buf + total, st.st_size - total)) > 0) total += got;
            close(fd);
            for (ssize_t j = 0; j < total; j++) checksum += buf[j];
            bytes += total;
            free(buf);
        }
        double wall = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (wall < best_wall) best_wall = wall;
        if (cpu < best_cpu) best_cpu = cpu;
    }
    printf("floor files=%zu bytes=%llu wall_s=%.4f cpu_s=%.4f checksum=%llu\n", count, bytes, best_wall, best_cpu,
           checksum);
    return 0;
}
