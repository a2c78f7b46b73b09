#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include "include/zip_level.h"
#include "zip_pool.h"

/*
 * Deflating a workbook's zip entries beside the thread that closes it.
 *
 * libxlsxwriter's closing writes each part's XML and hands it to minizip, which deflates it on the same thread:
 * about 60 % of closing a national workbook is zlib, on one core, after everything else is done. Here each
 * entry's bytes are kept as libxlsxwriter writes them; when it closes the entry, the entry is queued and a
 * worker deflates it while libxlsxwriter writes the next part's XML. The entries go into the zip file in their
 * order, on the closing thread, through minizip's raw mode (the caller gives the deflated bytes, their CRC and
 * the plain size), so the file is byte for byte the one minizip would have written itself:
 *  - the deflate stream is fed in the same pieces, with the same level, window, memory level and strategy;
 *  - minizip's own path marks an entry as text (internal attributes = 1) when zlib found it to be text, which
 *    it reads from its stream at the close; in raw mode it has no stream, so the entry's file info says it.
 * An entry that grows past `spill_bytes` stops being kept: the queue is written out and that entry goes
 * through minizip directly, so memory stays bounded whatever a sheet's size.
 */

typedef int (*mz_open_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt,
                       const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);
typedef int (*mz_write_fn)(zipFile, const void *, unsigned);
typedef int (*mz_close_entry_fn)(zipFile);
typedef int (*mz_close_raw_fn)(zipFile, unsigned long long, uLong);
typedef int (*mz_zip_close_fn)(zipFile, const char *);

static mz_open_fn real_open;
static mz_write_fn real_write;
static mz_close_entry_fn real_close;
static mz_close_raw_fn real_close_raw;
static mz_zip_close_fn real_zip_close;
static pthread_once_t resolved = PTHREAD_ONCE_INIT;

static void resolve(void) {
    real_open = (mz_open_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    real_write = (mz_write_fn)dlsym(RTLD_NEXT, "zipWriteInFileInZip");
    real_close = (mz_close_entry_fn)dlsym(RTLD_NEXT, "zipCloseFileInZip");
    real_close_raw = (mz_close_raw_fn)dlsym(RTLD_NEXT, "zipCloseFileInZipRaw64");
    real_zip_close = (mz_zip_close_fn)dlsym(RTLD_NEXT, "zipClose");
}

static int resolved_all(void) {
    pthread_once(&resolved, resolve);
    return real_open && real_write && real_close && real_close_raw && real_zip_close;
}

enum { ZIP_OK_ = 0, ZIP_ERRNO_ = -1, ZIP_INTERNALERROR_ = -104 };
enum state { COLLECTING, QUEUED, WORKING, DONE };

typedef struct entry {
    struct entry *next;
    char *name;
    zip_fileinfo info;
    int has_info;
    int level, window_bits, mem_level, strategy, zip64;
    uLong version_made_by, flag_base;
    unsigned char *in;
    size_t len, cap;
    unsigned piece; /* the size of libxlsxwriter's writes, replayed into deflate */
    unsigned char *out;
    size_t out_len;
    uLong crc;
    int text;
    int err;
    enum state state;
    int direct; /* spilled: this entry went to minizip as it came */
} entry;

typedef struct pool {
    struct pool *next;
    zipFile file;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    entry *head, *tail; /* closed entries not yet in the file, in order */
    entry *open;
    size_t queued_bytes;
    int stop;
    int workers;
    pthread_t threads[8];
    int err;
} pool;

static pthread_mutex_t pools_lock = PTHREAD_MUTEX_INITIALIZER;
static pool *pools;
/* An entry bigger than this goes to minizip as it comes (the largest part of a national workbook is ~3 MB). */
#define DEFAULT_SPILL_BYTES (32u << 20)
/* Past this much XML waiting to be deflated, the closing thread deflates too. */
#define DEFAULT_QUEUE_LIMIT (8u << 20)
static atomic_size_t spill_bytes = DEFAULT_SPILL_BYTES;
static atomic_size_t queue_limit = DEFAULT_QUEUE_LIMIT;
static double worker_cpu;
static long entries_pooled;

static pool *find_pool(zipFile file) {
    pthread_mutex_lock(&pools_lock);
    pool *p = pools;
    while (p && p->file != file) p = p->next;
    pthread_mutex_unlock(&pools_lock);
    return p;
}

static double thread_cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int deflate_entry(entry *e) {
    z_stream s;
    memset(&s, 0, sizeof s);
    int bits = e->window_bits > 0 ? -e->window_bits : e->window_bits;
    if (deflateInit2(&s, e->level, Z_DEFLATED, bits, e->mem_level, e->strategy) != Z_OK) return ZIP_INTERNALERROR_;
    size_t cap = deflateBound(&s, (uLong)e->len) + 64;
    e->out = malloc(cap);
    if (!e->out) {
        deflateEnd(&s);
        return ZIP_INTERNALERROR_;
    }
    size_t at = 0;
    int flush = Z_NO_FLUSH, z = Z_OK;
    s.next_out = e->out;
    s.avail_out = (uInt)cap;
    while (z != Z_STREAM_END) {
        if (s.avail_in == 0 && flush == Z_NO_FLUSH) {
            if (at < e->len) {
                size_t n = e->len - at < e->piece ? e->len - at : e->piece;
                s.next_in = e->in + at;
                s.avail_in = (uInt)n;
                at += n;
            } else {
                flush = Z_FINISH;
            }
        }
        if (s.avail_out == 0) {
            size_t used = cap;
            unsigned char *grown = realloc(e->out, cap * 2);
            if (!grown) break;
            e->out = grown;
            cap *= 2;
            s.next_out = e->out + used;
            s.avail_out = (uInt)(cap - used);
        }
        z = deflate(&s, flush);
        if (z != Z_OK && z != Z_STREAM_END && z != Z_BUF_ERROR) break;
    }
    e->out_len = cap - s.avail_out;
    e->text = s.data_type == Z_TEXT;
    deflateEnd(&s);
    e->crc = crc32(0L, Z_NULL, 0);
    for (size_t off = 0; off < e->len;) {
        size_t n = e->len - off > (1u << 30) ? (1u << 30) : e->len - off;
        e->crc = crc32(e->crc, e->in + off, (uInt)n);
        off += n;
    }
    free(e->in);
    e->in = NULL;
    return z == Z_STREAM_END ? ZIP_OK_ : ZIP_INTERNALERROR_;
}

static entry *first_queued(pool *p) {
    for (entry *e = p->head; e; e = e->next)
        if (e->state == QUEUED) return e;
    return NULL;
}

/* Takes the oldest queued entry and deflates it on this thread; 0 when none was waiting. Called locked. */
static int deflate_one(pool *p) {
    entry *e = first_queued(p);
    if (!e) return 0;
    e->state = WORKING;
    pthread_mutex_unlock(&p->lock);
    int err = deflate_entry(e);
    pthread_mutex_lock(&p->lock);
    e->err = err;
    e->state = DONE;
    p->queued_bytes -= e->len;
    pthread_cond_broadcast(&p->done);
    return 1;
}

static void *worker(void *arg) {
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        if (deflate_one(p)) continue;
        if (p->stop) break;
        pthread_cond_wait(&p->work, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    double cpu = thread_cpu();
    pthread_mutex_lock(&pools_lock);
    worker_cpu += cpu;
    pthread_mutex_unlock(&pools_lock);
    return NULL;
}

static void free_entry(entry *e) {
    free(e->name);
    free(e->in);
    free(e->out);
    free(e);
}

static int open_in_minizip(pool *p, entry *e, int raw) {
    zip_fileinfo info = e->info;
    if (raw && e->text) info.internal_fa = 1; /* Z_ASCII, as minizip's own close would have set */
    return real_open(p->file, e->name, e->has_info ? &info : NULL, NULL, 0, NULL, 0, NULL, 8 /* Z_DEFLATED */,
                     e->level, raw, e->window_bits, e->mem_level, e->strategy, NULL, 0, e->version_made_by,
                     e->flag_base, e->zip64);
}

static int write_in_pieces(pool *p, const unsigned char *bytes, size_t len, size_t piece) {
    for (size_t off = 0; off < len;) {
        size_t n = len - off < piece ? len - off : piece;
        int err = real_write(p->file, bytes + off, (unsigned)n);
        if (err < 0) return err;
        off += n;
    }
    return ZIP_OK_;
}

static int write_deflated(pool *p, entry *e) {
    if (e->err != ZIP_OK_) return e->err;
    int err = open_in_minizip(p, e, 1);
    if (err == ZIP_OK_) err = write_in_pieces(p, e->out, e->out_len, 1u << 20);
    if (err == ZIP_OK_) err = real_close_raw(p->file, (unsigned long long)e->len, e->crc);
    return err;
}

/* Writes the leading entries that are deflated into the file, in order. Called unlocked, on the closing thread. */
static void write_ready(pool *p) {
    for (;;) {
        pthread_mutex_lock(&p->lock);
        entry *e = p->head;
        if (!e || e->state != DONE) {
            pthread_mutex_unlock(&p->lock);
            return;
        }
        p->head = e->next;
        if (!p->head) p->tail = NULL;
        pthread_mutex_unlock(&p->lock);
        int err = write_deflated(p, e);
        if (err != ZIP_OK_ && p->err == ZIP_OK_) p->err = err;
        free_entry(e);
    }
}

/* Deflates (helping the workers) and writes every queued entry. */
static void write_all(pool *p) {
    pthread_mutex_lock(&p->lock);
    while (p->head) {
        if (!deflate_one(p) && p->head->state != DONE) pthread_cond_wait(&p->done, &p->lock);
        pthread_mutex_unlock(&p->lock);
        write_ready(p);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

static pool *new_pool(zipFile file, int workers) {
    pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->file = file;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (workers > 8) workers = 8;
    for (int i = 0; i < workers; i++)
        if (pthread_create(&p->threads[p->workers], NULL, worker, p) == 0) p->workers++;
    pthread_mutex_lock(&pools_lock);
    p->next = pools;
    pools = p;
    pthread_mutex_unlock(&pools_lock);
    return p;
}

/* Writes out the queue, stops the workers and forgets the pool; returns the first error writing the entries. */
static int end_pool(pool *p) {
    write_all(p);
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->workers; i++) pthread_join(p->threads[i], NULL);
    pthread_mutex_lock(&pools_lock);
    pool **link = &pools;
    while (*link != p) link = &(*link)->next;
    *link = p->next;
    pthread_mutex_unlock(&pools_lock);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    int err = p->err;
    free(p);
    return err;
}

int zip_pool_open(zipFile file, const char *filename, const zip_fileinfo *zipfi, int plain, int level,
                  int window_bits, int mem_level, int strategy, uLong version_made_by, uLong flag_base, int zip64,
                  int workers) {
    if (!resolved_all()) return ZIP_INTERNALERROR_;
    pool *p = find_pool(file);
    if (!p) {
        if (!plain || workers <= 0) return ZIP_POOL_PASS;
        p = new_pool(file, workers);
        if (!p) return ZIP_POOL_PASS;
    }
    if (!plain) {
        /* Something the pool does not keep (not libxlsxwriter's plain deflate): what is queued goes first. */
        write_all(p);
        return ZIP_POOL_PASS;
    }
    entry *e = calloc(1, sizeof *e);
    if (!e || !(e->name = strdup(filename ? filename : "-"))) {
        free(e);
        return ZIP_INTERNALERROR_;
    }
    if (zipfi) {
        e->info = *zipfi;
        e->has_info = 1;
    }
    e->level = level;
    e->window_bits = window_bits;
    e->mem_level = mem_level;
    e->strategy = strategy;
    e->zip64 = zip64;
    e->version_made_by = version_made_by;
    e->flag_base = flag_base;
    p->open = e;
    pthread_mutex_lock(&pools_lock);
    entries_pooled++;
    pthread_mutex_unlock(&pools_lock);
    return ZIP_OK_;
}

/* The entry has grown past spill_bytes: write out the queue, then this entry as minizip's own. */
static int spill(pool *p, entry *e) {
    write_all(p);
    e->direct = 1;
    int err = open_in_minizip(p, e, 0);
    if (err == ZIP_OK_) err = write_in_pieces(p, e->in, e->len, e->piece);
    free(e->in);
    e->in = NULL;
    return err;
}

int zip_pool_write(zipFile file, const void *buf, unsigned len) {
    pool *p = find_pool(file);
    if (!p || !p->open) return ZIP_POOL_PASS;
    entry *e = p->open;
    if (e->direct) return real_write(file, buf, len);
    if (e->piece == 0) e->piece = len ? len : 1;
    if (e->len + len > e->cap) {
        size_t cap = e->cap ? e->cap : 64u << 10;
        while (cap < e->len + len) cap *= 2;
        unsigned char *grown = realloc(e->in, cap);
        if (!grown) return ZIP_INTERNALERROR_;
        e->in = grown;
        e->cap = cap;
    }
    memcpy(e->in + e->len, buf, len);
    e->len += len;
    if (e->len > atomic_load(&spill_bytes)) return spill(p, e);
    return ZIP_OK_;
}

int zip_pool_close_entry(zipFile file) {
    pool *p = find_pool(file);
    if (!p || !p->open) return ZIP_POOL_PASS;
    entry *e = p->open;
    p->open = NULL;
    if (e->direct) {
        free_entry(e);
        return real_close(file);
    }
    pthread_mutex_lock(&p->lock);
    e->state = QUEUED;
    if (p->tail) p->tail->next = e; else p->head = e;
    p->tail = e;
    p->queued_bytes += e->len;
    pthread_cond_signal(&p->work);
    /* Past the limit the closing thread deflates too, rather than let the queue grow. */
    while (p->queued_bytes > atomic_load(&queue_limit) && deflate_one(p)) {}
    pthread_mutex_unlock(&p->lock);
    write_ready(p);
    return p->err;
}

int zip_pool_close(zipFile file, const char *comment) {
    if (!resolved_all()) return ZIP_INTERNALERROR_;
    pool *p = find_pool(file);
    int err = ZIP_OK_;
    if (p) {
        /* An entry left open (libxlsxwriter closes each one itself): its error is kept if it is the first. */
        int open_err = p->open ? zip_pool_close_entry(file) : ZIP_OK_;
        err = end_pool(p);
        if (err == ZIP_OK_ && open_err < 0) err = open_err;
    }
    int closed = real_zip_close(file, comment);
    return err != ZIP_OK_ ? err : closed;
}

double finsam_zip_worker_cpu_seconds(void) {
    pthread_mutex_lock(&pools_lock);
    double cpu = worker_cpu;
    pthread_mutex_unlock(&pools_lock);
    return cpu;
}

long finsam_zip_entries_pooled(void) {
    pthread_mutex_lock(&pools_lock);
    long n = entries_pooled;
    pthread_mutex_unlock(&pools_lock);
    return n;
}

void finsam_set_zip_pool_limits(long spill, long queue) {
    atomic_store(&spill_bytes, spill > 0 ? (size_t)spill : DEFAULT_SPILL_BYTES);
    atomic_store(&queue_limit, queue > 0 ? (size_t)queue : DEFAULT_QUEUE_LIMIT);
}

int zip_minizip_open(zipFile file, const char *filename, const zip_fileinfo *zipfi, const void *extrafield_local,
                     uInt size_extrafield_local, const void *extrafield_global, uInt size_extrafield_global,
                     const char *comment, int method, int level, int raw, int window_bits, int mem_level,
                     int strategy, const char *password, uLong crc_for_crypting, uLong version_made_by,
                     uLong flag_base, int zip64) {
    if (!resolved_all()) return ZIP_INTERNALERROR_;
    return real_open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                     size_extrafield_global, comment, method, level, raw, window_bits, mem_level, strategy, password,
                     crc_for_crypting, version_made_by, flag_base, zip64);
}

int zip_minizip_write(zipFile file, const void *buf, unsigned len) {
    return resolved_all() ? real_write(file, buf, len) : ZIP_INTERNALERROR_;
}

int zip_minizip_close_entry(zipFile file) { return resolved_all() ? real_close(file) : ZIP_INTERNALERROR_; }
