/*
 * logvol's native flattener: parse a JavaScript string with tree-sitter and copy the tree into
 * typed arrays in one call (src/languages/flat-tree.ts reads them). The Node binding can only
 * hand a tree to JavaScript one property at a time, one N-API call each; copying a tree that way
 * cost as much as parsing it (issue 6). Here the walk runs in C.
 *
 * It links its own copy of the tree-sitter runtime (the `tree-sitter` package's vendored lib.c,
 * the same version the binding uses) and takes the grammars' TSLanguage pointers from their Node
 * packages (`require('tree-sitter-go').language`, a napi External). Offsets are UTF-16 code units
 * (the string is parsed as UTF-16LE; an all-ASCII file's bytes as UTF-8, where a byte is a code
 * unit), as the binding reports them.
 *
 * Optional: when it cannot be built, logvol flattens through the binding (same result, slower).
 */
#define _GNU_SOURCE /* SCHED_BATCH */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <node_api.h>
#include <tree_sitter/api.h>
#ifdef __linux__
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define CHECK(call)                                                        \
  do {                                                                     \
    if ((call) != napi_ok) {                                               \
      napi_throw_error(env, NULL, "logvol native: N-API call failed: " #call); \
      return NULL;                                                         \
    }                                                                      \
  } while (0)

#define MAX_PARSERS 8

/* one parser per language, per thread (napi instance data: each worker thread has its own) */
typedef struct {
  const TSLanguage *language[MAX_PARSERS];
  TSParser *parser[MAX_PARSERS];
  int count;
} ParserCache;

static void free_cache(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ParserCache *cache = (ParserCache *)data;
  for (int i = 0; i < cache->count; i++) ts_parser_delete(cache->parser[i]);
  free(cache);
}

/* the first `want` arguments, or false with a TypeError naming the `usage` */
static bool get_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv, const char *usage) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < want) {
    napi_throw_type_error(env, NULL, usage);
    return false;
  }
  return true;
}

/* the string `value` copied as UTF-16 (the caller frees it), or NULL with an exception pending */
static char16_t *utf16_copy(napi_env env, napi_value value, size_t *len) {
  if (napi_get_value_string_utf16(env, value, NULL, 0, len) != napi_ok) {
    napi_throw_type_error(env, NULL, "logvol native: the text must be a string");
    return NULL;
  }
  char16_t *text = (char16_t *)malloc((*len + 1) * sizeof(char16_t));
  if (text == NULL || napi_get_value_string_utf16(env, value, text, *len + 1, len) != napi_ok) {
    free(text);
    napi_throw_error(env, NULL, "logvol native: out of memory");
    return NULL;
  }
  return text;
}

static const TSLanguage *get_language(napi_env env, napi_value value) {
  void *ptr = NULL;
  if (napi_get_value_external(env, value, &ptr) != napi_ok || ptr == NULL) {
    napi_throw_type_error(env, NULL, "logvol native: expected a tree-sitter Language (the grammar package's `language`)");
    return NULL;
  }
  return (const TSLanguage *)ptr;
}

static TSParser *parser_for(napi_env env, const TSLanguage *language) {
  ParserCache *cache = NULL;
  napi_get_instance_data(env, (void **)&cache);
  if (cache == NULL) {
    cache = (ParserCache *)calloc(1, sizeof(ParserCache));
    if (cache == NULL || napi_set_instance_data(env, cache, free_cache, NULL) != napi_ok) return NULL;
  }
  for (int i = 0; i < cache->count; i++)
    if (cache->language[i] == language) return cache->parser[i];
  if (cache->count == MAX_PARSERS) return NULL;
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, language)) {
    ts_parser_delete(parser);
    return NULL;
  }
  cache->language[cache->count] = language;
  cache->parser[cache->count] = parser;
  cache->count++;
  return parser;
}

/* false when `obj[name]` is not a typed array of type `want`; an empty one has *data == NULL */
static bool typed_array_data(napi_env env, napi_value obj, const char *name, napi_typedarray_type want, void **data, size_t *length) {
  napi_value value;
  napi_typedarray_type type;
  *data = NULL;
  *length = 0;
  if (napi_get_named_property(env, obj, name, &value) != napi_ok) return false;
  return napi_get_typedarray_info(env, value, &type, length, data, NULL, NULL) == napi_ok && type == want;
}

/*
 * Copy the tree under `root` (total nodes) into the arrays, in pre-order; returns the node count.
 * Offsets are UTF-16 code units: tree-sitter's byte offsets shifted right by `shift` (1 for a
 * UTF-16 parse, 0 for an ASCII text parsed as UTF-8, where a byte is a code unit).
 */
static uint32_t flatten_into(TSNode root, uint32_t total, unsigned shift, uint16_t *types, uint16_t *fields, int32_t *starts, int32_t *ends, int32_t *parents, int32_t *first_child, int32_t *next_sibling, uint8_t *flags) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  /* stack of open ancestors; depth is bounded by the node count */
  int32_t *stack = (int32_t *)malloc(sizeof(int32_t) * (total + 1));
  if (stack == NULL) {
    ts_tree_cursor_delete(&cursor);
    return 0;
  }
  uint32_t depth = 0;
  int32_t prev = -1;
  uint32_t n = 0;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    int32_t parent = depth ? stack[depth - 1] : -1;
    types[n] = ts_node_symbol(node);
    fields[n] = ts_tree_cursor_current_field_id(&cursor);
    starts[n] = (int32_t)(ts_node_start_byte(node) >> shift);
    ends[n] = (int32_t)(ts_node_end_byte(node) >> shift);
    parents[n] = parent;
    first_child[n] = -1;
    next_sibling[n] = -1;
    flags[n] = (ts_node_is_named(node) ? 1 : 0) | (ts_node_is_missing(node) ? 2 : 0) | (ts_node_has_error(node) ? 4 : 0);
    if (prev >= 0) next_sibling[prev] = (int32_t)n;
    else if (parent >= 0) first_child[parent] = (int32_t)n;
    uint32_t self = n++;
    if (n > total) break; /* defensive: never write past what was counted */
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      stack[depth++] = (int32_t)self;
      prev = -1;
      continue;
    }
    prev = (int32_t)self;
    int done = 0;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&cursor)) {
        done = 1;
        break;
      }
      prev = stack[--depth];
    }
    if (done) break;
  }
  free(stack);
  ts_tree_cursor_delete(&cursor);
  return n;
}

/*
 * parse(language, text, out) → node count; or -(node count) when `out`'s arrays are too small
 * (nothing written: grow them and call again). out = { types: Uint16Array, fields: Uint16Array,
 * starts, ends, parents, firstChild, nextSibling: Int32Array, flags: Uint8Array }. Nodes are in
 * pre-order (tree-sitter's descendant index); flags: 1 named, 2 missing, 4 has error.
 */
static napi_value parse(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!get_args(env, info, 3, argv, "logvol native: parse(language, text, out)")) return NULL;
  const TSLanguage *language = get_language(env, argv[0]);
  if (language == NULL) return NULL;
  TSParser *parser = parser_for(env, language);
  if (parser == NULL) {
    napi_throw_error(env, NULL, "logvol native: this grammar's ABI version is not supported by the runtime");
    return NULL;
  }
  size_t len = 0;
  char16_t *text = utf16_copy(env, argv[1], &len);
  if (text == NULL) return NULL;
  TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, (uint32_t)(len * sizeof(char16_t)), TSInputEncodingUTF16LE);
  free(text);
  if (tree == NULL) {
    napi_throw_error(env, NULL, "logvol native: tree-sitter returned no tree");
    return NULL;
  }
  TSNode root = ts_tree_root_node(tree);
  uint32_t total = ts_node_descendant_count(root);

  void *data[8];
  size_t lengths[8];
  static const char *names[8] = {"types", "fields", "starts", "ends", "parents", "firstChild", "nextSibling", "flags"};
  static const napi_typedarray_type kinds[8] = {napi_uint16_array, napi_uint16_array, napi_int32_array, napi_int32_array, napi_int32_array, napi_int32_array, napi_int32_array, napi_uint8_array};
  for (int i = 0; i < 8; i++) {
    if (!typed_array_data(env, argv[2], names[i], kinds[i], &data[i], &lengths[i])) {
      ts_tree_delete(tree);
      napi_throw_type_error(env, NULL, "logvol native: out must hold types, fields (Uint16Array), starts, ends, parents, firstChild, nextSibling (Int32Array) and flags (Uint8Array)");
      return NULL;
    }
  }
  uint16_t *types = (uint16_t *)data[0];
  uint16_t *fields = (uint16_t *)data[1];
  int32_t *starts = (int32_t *)data[2];
  int32_t *ends = (int32_t *)data[3];
  int32_t *parents = (int32_t *)data[4];
  int32_t *first_child = (int32_t *)data[5];
  int32_t *next_sibling = (int32_t *)data[6];
  uint8_t *flags = (uint8_t *)data[7];
  size_t min = lengths[0];
  for (int i = 1; i < 8; i++) if (lengths[i] < min) min = lengths[i];
  napi_value result;
  if (total > min) {
    ts_tree_delete(tree);
    CHECK(napi_create_int64(env, -(int64_t)total, &result));
    return result;
  }

  uint32_t n = flatten_into(root, total, 1, types, fields, starts, ends, parents, first_child, next_sibling, flags);
  ts_tree_delete(tree);
  CHECK(napi_create_uint32(env, n, &result));
  return result;
}


/*
 * parseAsync(language, text) → Promise<{ count, buffer }>: the parse and the copy run on libuv's
 * thread pool, each with its own parser, while JavaScript goes on (summarising the previous file).
 * buffer holds, for `count` nodes: starts, ends, parents, firstChild, nextSibling (Int32, at 0,
 * 4c, 8c, 12c, 16c), types and fields (Uint16, at 20c and 22c) and flags (Uint8, at 24c).
 */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  const TSLanguage *language;
  char16_t *text;
  size_t len;
  /* parseAsciiAsync: the Buffer's bytes, held by `bytes_ref` until the parse is done */
  const char *bytes;
  napi_ref bytes_ref;
  uint8_t *block;
  uint32_t count;
  const char *error;
} AsyncParse;

#define BYTES_PER_NODE 25

/*
 * Parse threads run at a lower priority than the JavaScript thread (Linux: a thread has its own
 * nice value). On a small machine the JavaScript thread, summarising one file while libuv's four
 * threads parse the next ones, is the scan's critical path, and the scheduler shared the cores
 * among all five: the thread the others wait for got a fraction of a core. Lowered, the parse
 * threads still take every cycle the JavaScript thread leaves (and all of them while it waits for
 * a parse). Measured, interleaved medians: prometheus 4.02 -> 3.31 s (9 runs), synthetic corpus
 * 5.27 -> 4.50 s (7), opentelemetry-js 1.79 -> 1.74 s (11). LOGVOL_PARSE_NICE=<0-19> sets the step
 * (default 10; 0 keeps the priority as it is); it is read when the addon loads. The pool is the
 * process's: once a parse ran there, its threads stay lowered for the other work libuv gives them
 * (fs, dns, zlib) for the life of the process, as an unprivileged thread cannot raise its priority
 * back. The CLI exits after its scan; a program that imports logvol's scan and wants its pool at
 * full priority sets LOGVOL_PARSE_NICE=0.
 *
 * Lowered threads are also SCHED_BATCH: the scheduler no longer lets a parse thread preempt the
 * JavaScript thread when it wakes up. Each parseAsync call wakes one, and on this kernel (6.18,
 * EEVDF) the woken thread often took the JavaScript thread's core on the spot: the synchronous
 * part of parseAsync, a string copy and a queue push, took 130-215 ms of a synthetic-corpus scan
 * (40-60 ms as SCHED_BATCH). Interleaved medians of wall time, in two measurements: the policy
 * set from an environment variable in one build, synthetic corpus 1.77 -> 1.61 s (8 runs), the
 * issue's Go corpus 5.16 -> 4.96 s and TS corpus 3.70 -> 3.46 s (4 runs each); the builds before
 * and after, synthetic 1.75 -> 1.66 s (12 runs), Go 5.08 -> 5.04 s and TS 3.70 -> 3.62 s (5 runs,
 * within their spread). SCHED_IDLE was as fast, but a thread of that class waits for an idle
 * core, and on a busy machine it would never get one.
 */
static int parse_nice = 10;

static void read_parse_nice(void) {
  const char *e = getenv("LOGVOL_PARSE_NICE");
  if (e == NULL || *e == '\0') return;
  char *end = NULL;
  long v = strtol(e, &end, 10);
  /* written only when it differs: a worker thread loading the addon later reads the same value */
  if (*end == '\0' && v >= 0 && v <= 19 && parse_nice != (int)v) parse_nice = (int)v;
}

static void lower_thread_priority(void) {
#ifdef __linux__
  static _Thread_local bool done = false;
  if (done) return;
  done = true;
  if (parse_nice == 0) return;
  pid_t tid = (pid_t)syscall(SYS_gettid);
  /* this thread only, by its id and the system call (musl's sched_setscheduler() refuses, since
   * Linux applies it per thread); best effort, as the nice value */
  struct sched_param batch = {0};
  (void)syscall(SYS_sched_setscheduler, tid, SCHED_BATCH, &batch);
  errno = 0;
  int now = getpriority(PRIO_PROCESS, (id_t)tid);
  if (errno != 0) return;
  /* best effort: a thread that cannot be lowered parses as it is */
  (void)setpriority(PRIO_PROCESS, (id_t)tid, now + parse_nice > 19 ? 19 : now + parse_nice);
#endif
}

static void async_execute(napi_env env, void *data) {
  (void)env;
  AsyncParse *job = (AsyncParse *)data;
  lower_thread_priority();
  TSParser *parser = ts_parser_new();
  if (parser == NULL || !ts_parser_set_language(parser, job->language)) {
    job->error = "logvol native: this grammar's ABI version is not supported by the runtime";
    if (parser) ts_parser_delete(parser);
    return;
  }
  TSTree *tree = job->bytes ? ts_parser_parse_string_encoding(parser, NULL, job->bytes, (uint32_t)job->len, TSInputEncodingUTF8)
                            : ts_parser_parse_string_encoding(parser, NULL, (const char *)job->text, (uint32_t)(job->len * sizeof(char16_t)), TSInputEncodingUTF16LE);
  ts_parser_delete(parser);
  free(job->text);
  job->text = NULL;
  if (tree == NULL) {
    job->error = "logvol native: tree-sitter returned no tree";
    return;
  }
  TSNode root = ts_tree_root_node(tree);
  uint32_t total = ts_node_descendant_count(root);
  job->block = (uint8_t *)malloc((size_t)total * BYTES_PER_NODE + 8);
  if (job->block == NULL) {
    ts_tree_delete(tree);
    job->error = "logvol native: out of memory";
    return;
  }
  int32_t *i32 = (int32_t *)job->block;
  uint16_t *u16 = (uint16_t *)(job->block + (size_t)total * 20);
  uint8_t *u8 = job->block + (size_t)total * 24;
  job->count = flatten_into(root, total, job->bytes ? 0 : 1, u16, u16 + total, i32, i32 + total, i32 + 2 * (size_t)total, i32 + 3 * (size_t)total, i32 + 4 * (size_t)total, u8);
  ts_tree_delete(tree);
  if (job->count != total) job->error = "logvol native: the tree changed size while it was copied";
}

static void async_complete(napi_env env, napi_status status, void *data) {
  AsyncParse *job = (AsyncParse *)data;
  napi_value result = NULL, error = NULL, message = NULL;
  if (status != napi_ok && job->error == NULL) job->error = "logvol native: the parse was cancelled";
  if (job->error == NULL) {
    size_t bytes = (size_t)job->count * BYTES_PER_NODE;
    void *dest = NULL;
    napi_value buffer, count;
    if (napi_create_arraybuffer(env, bytes, &dest, &buffer) == napi_ok && napi_create_uint32(env, job->count, &count) == napi_ok &&
        napi_create_object(env, &result) == napi_ok) {
      if (bytes) memcpy(dest, job->block, bytes);
      napi_set_named_property(env, result, "count", count);
      napi_set_named_property(env, result, "buffer", buffer);
    } else {
      job->error = "logvol native: out of memory";
      result = NULL;
    }
  }
  if (job->error != NULL) {
    napi_create_string_utf8(env, job->error, NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, NULL, message, &error);
    napi_reject_deferred(env, job->deferred, error);
  } else {
    napi_resolve_deferred(env, job->deferred, result);
  }
  napi_delete_async_work(env, job->work);
  if (job->bytes_ref) napi_delete_reference(env, job->bytes_ref);
  free(job->block);
  free(job->text);
  free(job);
}

/* queue a job whose input is set: the promise of its result */
static napi_value queue_parse(napi_env env, AsyncParse *job) {
  napi_value promise, name;
  CHECK(napi_create_promise(env, &job->deferred, &promise));
  CHECK(napi_create_string_utf8(env, "logvol.parse", NAPI_AUTO_LENGTH, &name));
  CHECK(napi_create_async_work(env, NULL, name, async_execute, async_complete, job, &job->work));
  CHECK(napi_queue_async_work(env, job->work));
  return promise;
}

static napi_value parse_async(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv, "logvol native: parseAsync(language, text)")) return NULL;
  const TSLanguage *language = get_language(env, argv[0]);
  if (language == NULL) return NULL;
  AsyncParse *job = (AsyncParse *)calloc(1, sizeof(AsyncParse));
  if (job == NULL) {
    napi_throw_error(env, NULL, "logvol native: out of memory");
    return NULL;
  }
  job->language = language;
  job->text = utf16_copy(env, argv[1], &job->len);
  if (job->text == NULL) {
    free(job);
    return NULL;
  }
  return queue_parse(env, job);
}

/*
 * parseAsciiAsync(language, bytes) → as parseAsync, for a text whose bytes (a Buffer) are all
 * ASCII, so that each byte is one UTF-16 code unit: tree-sitter reads them where they are (as
 * UTF-8), and the JavaScript thread no longer copies the text into UTF-16 for each file. The
 * caller checks that the bytes are ASCII and are the text. The Buffer is held (a reference) until
 * the parse is done, but its memory is read on another thread: the caller must not write to it,
 * nor transfer or detach its ArrayBuffer, until the promise settles (the scan never does either;
 * parseNativeAsync is internal). tree-sitter's error recovery counts bytes, so a text with a syntax
 * error can recover into another tree than from UTF-16: the caller parses such a file again with
 * parseAsync (flat-tree.ts).
 */
static napi_value parse_ascii_async(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv, "logvol native: parseAsciiAsync(language, bytes)")) return NULL;
  const TSLanguage *language = get_language(env, argv[0]);
  if (language == NULL) return NULL;
  void *data = NULL;
  size_t len = 0;
  bool is_buffer = false;
  if (napi_is_buffer(env, argv[1], &is_buffer) != napi_ok || !is_buffer || napi_get_buffer_info(env, argv[1], &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "logvol native: the bytes must be a Buffer");
    return NULL;
  }
  AsyncParse *job = (AsyncParse *)calloc(1, sizeof(AsyncParse));
  if (job == NULL) {
    napi_throw_error(env, NULL, "logvol native: out of memory");
    return NULL;
  }
  job->language = language;
  job->bytes = len ? (const char *)data : "";
  job->len = len;
  if (napi_create_reference(env, argv[1], 1, &job->bytes_ref) != napi_ok) {
    free(job);
    napi_throw_error(env, NULL, "logvol native: N-API call failed: napi_create_reference");
    return NULL;
  }
  return queue_parse(env, job);
}

/* the (language, id) arguments of symbolName and fieldName; false with an exception pending */
static bool language_and_id(napi_env env, napi_callback_info info, const TSLanguage **language, uint32_t *id) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv, "logvol native: expected (language, id)")) return false;
  *language = get_language(env, argv[0]);
  if (*language == NULL) return false;
  if (napi_get_value_uint32(env, argv[1], id) != napi_ok) {
    napi_throw_type_error(env, NULL, "logvol native: the id must be a number");
    return false;
  }
  return true;
}

/* symbolName(language, id) → the node type name (`ERROR` for 65535) */
static napi_value symbol_name(napi_env env, napi_callback_info info) {
  const TSLanguage *language;
  uint32_t id;
  if (!language_and_id(env, info, &language, &id)) return NULL;
  const char *name = id == 65535 ? "ERROR" : ts_language_symbol_name(language, (TSSymbol)id);
  napi_value result;
  CHECK(napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &result));
  return result;
}

/* fieldName(language, id) → the field name, or '' */
static napi_value field_name(napi_env env, napi_callback_info info) {
  const TSLanguage *language;
  uint32_t id;
  if (!language_and_id(env, info, &language, &id)) return NULL;
  const char *name = ts_language_field_name_for_id(language, (TSFieldId)id);
  napi_value result;
  CHECK(napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &result));
  return result;
}

#ifndef _WIN32
#include <math.h>
#include <sys/stat.h>
#ifdef __APPLE__
#define LOGVOL_MTIM st_mtimespec
#define LOGVOL_CTIM st_ctimespec
#else
#define LOGVOL_MTIM st_mtim
#define LOGVOL_CTIM st_ctim
#endif
/*
 * statMany(paths, count): stat(2) of `count` paths given as one string, each ended by '\0', in one
 * call (src/engine/stat-many.ts): per path six doubles, size, inode, mtime seconds and nanoseconds,
 * ctime seconds and nanoseconds, the size NaN when stat failed. A warm run stats every file of the
 * scan (stat-index.ts) and the directories of its recorded walk (walk-cache.ts); one statSync
 * each cost ~3 µs of JavaScript (a Stats object with four Dates) over the system call's ~1.
 */
static napi_value stat_many(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv, "logvol native: statMany(paths, count)")) return NULL;
  size_t len;
  uint32_t count;
  if (napi_get_value_string_utf8(env, argv[0], NULL, 0, &len) != napi_ok || napi_get_value_uint32(env, argv[1], &count) != napi_ok) {
    napi_throw_type_error(env, NULL, "logvol native: statMany(paths, count)");
    return NULL;
  }
  char *paths = (char *)malloc(len + 1);
  if (paths == NULL) {
    napi_throw_error(env, NULL, "logvol native: out of memory");
    return NULL;
  }
  void *data;
  napi_value buffer, result;
  if (napi_get_value_string_utf8(env, argv[0], paths, len + 1, &len) != napi_ok || napi_create_arraybuffer(env, (size_t)count * 6 * sizeof(double), &data, &buffer) != napi_ok) {
    free(paths);
    napi_throw_error(env, NULL, "logvol native: N-API call failed: statMany");
    return NULL;
  }
  double *out = (double *)data;
  size_t at = 0;
  for (uint32_t i = 0; i < count; i++, out += 6) {
    struct stat st;
    if (at <= len && stat(paths + at, &st) == 0) {
      out[0] = (double)st.st_size;
      out[1] = (double)st.st_ino;
      out[2] = (double)st.LOGVOL_MTIM.tv_sec;
      out[3] = (double)st.LOGVOL_MTIM.tv_nsec;
      out[4] = (double)st.LOGVOL_CTIM.tv_sec;
      out[5] = (double)st.LOGVOL_CTIM.tv_nsec;
    } else {
      for (int k = 0; k < 6; k++) out[k] = NAN;
    }
    if (at <= len) at += strlen(paths + at) + 1;
  }
  free(paths);
  CHECK(napi_create_typedarray(env, napi_float64_array, (size_t)count * 6, buffer, 0, &result));
  return result;
}
#endif

static napi_value init(napi_env env, napi_value exports) {
  read_parse_nice();
  napi_property_descriptor props[] = {
    {"parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL},
    {"parseAsync", NULL, parse_async, NULL, NULL, NULL, napi_default, NULL},
    {"parseAsciiAsync", NULL, parse_ascii_async, NULL, NULL, NULL, napi_default, NULL},
    {"symbolName", NULL, symbol_name, NULL, NULL, NULL, napi_default, NULL},
    {"fieldName", NULL, field_name, NULL, NULL, NULL, napi_default, NULL},
#ifndef _WIN32
    {"statMany", NULL, stat_many, NULL, NULL, NULL, napi_default, NULL},
#endif
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE_INIT() { return init(env, exports); }
