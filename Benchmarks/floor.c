/*
 * The floor for a clean sitegen build: the least work any generator must do
 * to turn the corpus into sitegen's output, done the plainest way, with one
 * C thread.
 *
 *     cc -O2 -o floor Benchmarks/floor.c $(pkg-config --cflags --libs libcmark)
 *     floor CONTENT OUTPUT DESTINATION
 *
 * 1. cmark: every Markdown body under CONTENT (the text after the YAML front
 *    matter between the first two `---` lines) rendered to HTML with
 *    cmark_markdown_to_html. The files are read into memory first, untimed,
 *    so only the rendering is timed.
 * 2. write: a copy of sitegen's built output OUTPUT: the same relative paths
 *    and the same bytes, read into memory first (untimed), then written into
 *    the fresh folder DESTINATION (which must not exist) with mkdir and
 *    open/write/close, in the order a walk finds them: no stat before a
 *    create, no fsync (sitegen does not fsync either).
 *
 * Benchmarks/run.py compiles and runs it after its clean builds and compares
 * sitegen's wall time with the sum of both times. It prints `key value`
 * lines for run.py to read.
 */
#define _XOPEN_SOURCE 700
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One file or folder found by a walk: its path relative to the walk's root
 * and, for a file, its bytes. */
typedef struct {
    char *path;
    char *bytes;
    size_t size;
    int is_folder;
} Entry;

typedef struct {
    Entry *items;
    size_t count, capacity;
} Entries;

static Entries found;
static size_t root_length;
static const char *wanted_suffix; /* only files ending so, or NULL for all */

static void fail(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *read_whole(const char *path, size_t size) {
    char *bytes = malloc(size + 1);
    int fd = open(path, O_RDONLY);
    if (!bytes || fd < 0) fail("cannot read", path);
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, bytes + done, size - done);
        if (n <= 0) fail("cannot read", path);
        done += (size_t)n;
    }
    close(fd);
    bytes[size] = 0;
    return bytes;
}

static int visit(const char *path, const struct stat *info, int type, struct FTW *ftw) {
    (void)ftw;
    if (type != FTW_F && type != FTW_D) return 0;
    if (type == FTW_F && wanted_suffix) {
        size_t length = strlen(path), suffix = strlen(wanted_suffix);
        if (length < suffix || strcmp(path + length - suffix, wanted_suffix) != 0) return 0;
    }
    if (strlen(path) <= root_length) return 0; /* the root itself */
    if (found.count == found.capacity) {
        found.capacity = found.capacity ? found.capacity * 2 : 4096;
        found.items = realloc(found.items, found.capacity * sizeof(Entry));
        if (!found.items) fail("out of memory at", path);
    }
    Entry *entry = &found.items[found.count++];
    entry->path = strdup(path + root_length + 1);
    entry->is_folder = type == FTW_D;
    entry->size = entry->is_folder ? 0 : (size_t)info->st_size;
    entry->bytes = entry->is_folder ? NULL : read_whole(path, entry->size);
    return 0;
}

/* Everything under root (folders before their contents), read into memory. */
static Entries walk(const char *root, const char *suffix) {
    found = (Entries){0};
    root_length = strlen(root);
    while (root_length > 1 && root[root_length - 1] == '/') root_length--;
    wanted_suffix = suffix;
    if (nftw(root, visit, 64, FTW_PHYS) != 0) fail("cannot walk", root);
    return found;
}

/* The body of a content file: what follows the front matter's closing `---` line. */
static const char *body_of(const char *text) {
    if (strncmp(text, "---\n", 4) != 0) return text;
    const char *close = strstr(text + 3, "\n---\n");
    return close ? close + 5 : text;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: floor CONTENT OUTPUT DESTINATION\n");
        return 2;
    }
    const char *content = argv[1], *output = argv[2], *destination = argv[3];

    /* 1. cmark over every body. */
    Entries sources = walk(content, ".md");
    size_t bodies = 0, markdown_bytes = 0, html_bytes = 0;
    double start = now();
    for (size_t i = 0; i < sources.count; i++) {
        if (sources.items[i].is_folder) continue;
        const char *body = body_of(sources.items[i].bytes);
        size_t length = sources.items[i].size - (size_t)(body - sources.items[i].bytes);
        char *html = cmark_markdown_to_html(body, length, CMARK_OPT_DEFAULT);
        html_bytes += strlen(html);
        free(html);
        bodies++;
        markdown_bytes += length;
    }
    double cmark_seconds = now() - start;

    /* 2. The same files as sitegen's output, written by one thread. */
    Entries files = walk(output, NULL);
    size_t file_count = 0, folder_count = 0, bytes = 0;
    char path[4096];
    start = now();
    if (mkdir(destination, 0755) != 0) fail("cannot create", destination);
    for (size_t i = 0; i < files.count; i++) {
        Entry *entry = &files.items[i];
        snprintf(path, sizeof path, "%s/%s", destination, entry->path);
        if (entry->is_folder) {
            if (mkdir(path, 0755) != 0) fail("cannot create", path);
            folder_count++;
            continue;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) fail("cannot create", path);
        size_t done = 0;
        while (done < entry->size) {
            ssize_t n = write(fd, entry->bytes + done, entry->size - done);
            if (n <= 0) fail("cannot write", path);
            done += (size_t)n;
        }
        if (close(fd) != 0) fail("cannot close", path);
        file_count++;
        bytes += entry->size;
    }
    double write_seconds = now() - start;

    printf("bodies %zu\nmarkdown_bytes %zu\nhtml_bytes %zu\ncmark_seconds %.6f\n", bodies, markdown_bytes,
           html_bytes, cmark_seconds);
    printf("files %zu\nfolders %zu\nbytes %zu\nwrite_seconds %.6f\n", file_count, folder_count, bytes,
           write_seconds);
    return 0;
}
