/* memory.track: every emalloc, erealloc and efree of a request recorded with its call site,
 * and the blocks still live at request end reported as leaks. */

#include "php_memory.h"
#include "memory_track.h"
#include "memory_probe.h"

extern "C" {
#include "SAPI.h"
#include "zend_arena.h"
#include "zend_observer.h"
}

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <syslog.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace memory {

namespace {

/* Where an allocation was made: the keys are the engine's own pointers (interned file and
 * function names, the class), so finding a known site costs no string work. */
struct site {
	const void *file_key;
	uint32_t line;
	const void *function_key;
	const void *scope_key;
	char *file; /* malloc'd copies: they outlive the request's strings */
	char *function;
	char *extension; /* nullptr for user code */
};

/* One live block; p == nullptr marks an empty slot. */
struct block {
	void *p;
	size_t size;
	uint64_t seq;
	uint32_t site;
};

enum class track_state {
	off,      /* nothing installed */
	tracking, /* the handlers record every call */
	draining, /* after post-deactivate: frees are recorded until PHP frees its last block */
};

/* The tracker's bookkeeping, all of it in malloc'd memory: outside the Zend MM, so that
 * memory_get_usage() reads the same with tracking on. */
struct tracker {
	track_state state;
	zend_mm_heap *heap; /* the request's heap: the handlers forward to it */
	bool inside;        /* inside the Zend MM's allocation: a bailout may leave from there */
	bool unclean;       /* the request ended in a fatal error */
	block *blocks;      /* open addressing, linear probing; capacity a power of 2 */
	size_t capacity;
	size_t count;
	size_t used; /* count + erased marks */
	site *sites;
	size_t site_count;
	size_t site_capacity;
	uint32_t *site_slots; /* open addressing: site index + 1, 0 for empty */
	uint32_t last_site;   /* the site the last lookup found */
	size_t site_slot_capacity;
	uint64_t seq;             /* allocations numbered for the life of the process: a mark never repeats */
	char *deferred;           /* the request-end report line, printed with the leaks */
	zend_arena *oldest_arena; /* at post-deactivate: the compiler arena's first block */
};

#ifdef ZTS
thread_local tracker t;
#else
tracker t;
#endif

bool loaded_at_startup = true;

/* The function key of allocations made while a file compiles with no PHP code running. */
const char compiling_key = 0;

/* A pointer's slot hint: splitmix64's finalizer, whose low bits are all well mixed. */
inline size_t hash_ptr(const void *p)
{
	uint64_t x = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p));
	x ^= x >> 30;
	x *= UINT64_C(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64_C(0x94d049bb133111eb);
	x ^= x >> 31;
	return static_cast<size_t>(x);
}

/* A block's slot hint: well mixed. (Slots that follow a block's place in its chunk are kinder
 * to the cache in a plain loop, but runs of neighbours then pile up: 4x slower on a mix of
 * sizes with holes, and quadratic on 8 B blocks at 16 B granularity.) */
inline size_t block_hash(const void *p)
{
	return hash_ptr(p);
}

/* An erased block's slot: lookups go on past it, insertions take it. Erasing leaves a mark
 * rather than moving later entries up, which in a table whose neighbours fill neighbouring
 * slots would walk long runs. */
void *const erased = reinterpret_cast<void *>(1);

/* Whether a slot holds a live block. */
inline bool live(const block &b)
{
	return b.p && b.p != erased;
}

/* Rebuild the block table at capacity (a power of 2), without the erased marks; false when
 * malloc fails. */
bool rebuild_blocks(size_t capacity)
{
	block *blocks = static_cast<block *>(calloc(capacity, sizeof(block)));
	if (!blocks) {
		return false;
	}
	for (size_t i = 0; t.blocks && i < t.capacity; i++) {
		if (live(t.blocks[i])) {
			size_t k = block_hash(t.blocks[i].p) & (capacity - 1);
			while (blocks[k].p) {
				k = (k + 1) & (capacity - 1);
			}
			blocks[k] = t.blocks[i];
		}
	}
	free(t.blocks);
	t.blocks = blocks;
	t.capacity = capacity;
	t.used = t.count;
	return true;
}

/* Make the first block table. */
bool grow_blocks()
{
	return rebuild_blocks(t.capacity ? t.capacity * 2 : 4096);
}

/* Remove p's entry, if any; true when it was tracked. */
bool erase(const void *p)
{
	if (!t.count) {
		return false;
	}
	const size_t mask = t.capacity - 1;
	for (size_t i = block_hash(p) & mask; t.blocks[i].p; i = (i + 1) & mask) {
		if (t.blocks[i].p == p) {
			t.blocks[i].p = erased;
			t.count--;
			return true;
		}
	}
	return false;
}

/* A malloc'd copy of n bytes of s. */
char *copy(const char *s, size_t n)
{
	char *c = static_cast<char *>(malloc(n + 1));
	if (c) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

/* The call site of the allocation being made: its index in t.sites, or UINT32_MAX. */
uint32_t current_site()
{
	const zend_execute_data *ex = EG(current_execute_data);
	const zend_function *f = ex ? ex->func : nullptr;
	const zend_string *file = nullptr;
	uint32_t line = 0;
	const zend_execute_data *u = ex;
	while (u && (!u->func || !ZEND_USER_CODE(u->func->type))) {
		u = u->prev_execute_data;
	}
	if (u) {
		const zend_op_array &op_array = u->func->op_array;
		file = op_array.filename;
		/* A frame just entered has no saved opline yet (the VM keeps it in a register), so
		 * only an opline inside the function's own code is read; else its first line. */
		const zend_op *op = u->opline;
		if (op >= op_array.opcodes && op < op_array.opcodes + op_array.last) {
			if (op->opcode == ZEND_HANDLE_EXCEPTION && EG(opline_before_exception)) {
				op = EG(opline_before_exception);
			}
			line = op->lineno;
		} else {
			line = op_array.line_start;
		}
	} else if (CG(in_compilation)) {
		file = CG(compiled_filename);
		line = CG(zend_lineno);
	}
	const void *function_key = f ? static_cast<const void *>(f->common.function_name) : nullptr;
	if (!f && file) {
		function_key = &compiling_key; /* not the same site as the file's top-level code */
	}
	const void *scope_key = f ? static_cast<const void *>(f->common.scope) : nullptr;

	/* A loop allocates at one site again and again: the last site found answers first. */
	if (t.last_site < t.site_count) {
		const site &last = t.sites[t.last_site];
		if (last.file_key == file && last.line == line && last.function_key == function_key &&
		    last.scope_key == scope_key) {
			return t.last_site;
		}
	}
	const size_t key =
	    hash_ptr(file) ^ hash_ptr(function_key) ^ (hash_ptr(scope_key) >> 7) ^ (line * 2654435761U);
	if (t.site_slot_capacity) {
		const size_t mask = t.site_slot_capacity - 1;
		for (size_t i = key & mask; t.site_slots[i]; i = (i + 1) & mask) {
			const site &s = t.sites[t.site_slots[i] - 1];
			if (s.file_key == file && s.line == line && s.function_key == function_key &&
			    s.scope_key == scope_key) {
				t.last_site = t.site_slots[i] - 1;
				return t.last_site;
			}
		}
	}

	/* A new site: copy its names, and grow the tables when they are half full. */
	if (t.site_count == t.site_capacity) {
		const size_t capacity = t.site_capacity ? t.site_capacity * 2 : 256;
		site *sites = static_cast<site *>(realloc(t.sites, capacity * sizeof(site)));
		if (!sites) {
			return UINT32_MAX;
		}
		t.sites = sites;
		t.site_capacity = capacity;
	}
	if ((t.site_count + 1) * 2 > t.site_slot_capacity) {
		const size_t capacity = t.site_slot_capacity ? t.site_slot_capacity * 2 : 512;
		uint32_t *slots = static_cast<uint32_t *>(calloc(capacity, sizeof(uint32_t)));
		if (!slots) {
			return UINT32_MAX;
		}
		free(t.site_slots);
		t.site_slots = slots;
		t.site_slot_capacity = capacity;
		for (size_t k = 0; k < t.site_count; k++) {
			const site &s = t.sites[k];
			const size_t h = hash_ptr(s.file_key) ^ hash_ptr(s.function_key) ^ (hash_ptr(s.scope_key) >> 7) ^
			                 (s.line * 2654435761U);
			size_t i = h & (capacity - 1);
			while (t.site_slots[i]) {
				i = (i + 1) & (capacity - 1);
			}
			t.site_slots[i] = static_cast<uint32_t>(k + 1);
		}
	}
	site s{};
	s.file_key = file;
	s.line = line;
	s.function_key = function_key;
	s.scope_key = scope_key;
	s.file = file ? copy(ZSTR_VAL(file), ZSTR_LEN(file)) : copy("", 0);
	std::string name;
	if (f) {
		if (f->common.scope) {
			name.append(ZSTR_VAL(f->common.scope->name), ZSTR_LEN(f->common.scope->name)).append("::");
		}
		if (f->common.function_name) {
			name.append(ZSTR_VAL(f->common.function_name), ZSTR_LEN(f->common.function_name));
		} else {
			name.append("{main}");
		}
		if (f->type == ZEND_INTERNAL_FUNCTION && f->internal_function.module) {
			const char *m = f->internal_function.module->name;
			s.extension = copy(m, strlen(m));
		}
	}
	if (function_key == &compiling_key) {
		name = "(compiling)";
	}
	s.function = copy(name.data(), name.size());
	const uint32_t index = static_cast<uint32_t>(t.site_count);
	t.sites[t.site_count++] = s;
	const size_t mask = t.site_slot_capacity - 1;
	size_t i = key & mask;
	while (t.site_slots[i]) {
		i = (i + 1) & mask;
	}
	t.site_slots[i] = index + 1;
	t.last_site = index;
	return index;
}

/* Record a new block of size bytes at p. */
void record(void *p, size_t size)
{
	if (!p) {
		return;
	}
	if ((t.used + 1) * 2 > t.capacity) {
		/* Half full of blocks and erased marks: twice the size when the blocks alone fill a
		 * quarter, else the same size without the marks. */
		if (!rebuild_blocks(t.count * 4 > t.capacity ? t.capacity * 2 : t.capacity)) {
			return; /* out of malloc: the block goes untracked rather than failing the request */
		}
	}
	const uint32_t s = current_site();
	/* A new block is never in the table (every free of a tracked block erases it), so the
	 * first free or erased slot takes it. */
	const size_t mask = t.capacity - 1;
	size_t i = block_hash(p) & mask;
	while (live(t.blocks[i])) {
		i = (i + 1) & mask;
	}
	if (!t.blocks[i].p) {
		t.used++;
	}
	t.count++;
	t.blocks[i] = block{p, size, ++t.seq, s};
}

/* The handlers take the file and line of the emalloc call where a debug build of PHP passes
 * them (ZEND_FILE_LINE_DC and ZEND_FILE_LINE_ORIG_DC are empty in a release build), and relay
 * them to the Zend MM, so that a debug build's own leak report names the caller with tracking
 * on, not this file. */
void *track_malloc(size_t size ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC);
void track_free(void *p ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC);
void *track_realloc(void *p, size_t size ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC);

/* Route the heap's emalloc, efree and erealloc through the tracker. */
inline void install()
{
#if ZEND_DEBUG && PHP_VERSION_ID < 80400
	/* Before PHP 8.4 a debug build takes handlers with the file and line from this call. */
	zend_mm_set_custom_debug_handlers(t.heap, track_malloc, track_free, track_realloc);
#else
	zend_mm_set_custom_handlers(t.heap, track_malloc, track_free, track_realloc);
#endif
}

/* Let the heap allocate natively again. */
inline void uninstall()
{
	zend_mm_set_custom_handlers(t.heap, nullptr, nullptr, nullptr);
}

/* The handlers take the handlers off while the Zend MM allocates: a heap with custom handlers
 * skips its garbage collection (zend_mm_gc() returns 0), which the Zend MM runs when an
 * allocation would pass memory_limit. So memory_limit's fatal comes at the same allocation. */
void *track_malloc(size_t size ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC)
{
	uninstall();
	t.inside = true;
	void *p = _zend_mm_alloc(t.heap, size ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
	t.inside = false;
	install();
	record(p, size);
	return p;
}

void *track_realloc(void *p, size_t size ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC)
{
	uninstall();
	t.inside = true;
	void *q = _zend_mm_realloc(t.heap, p, size ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
	t.inside = false;
	install();
	if (p) {
		erase(p);
	}
	record(q, size);
	return q;
}

/* Whether a block freed after post-deactivate is the request's last one before
 * shutdown_memory_manager(), which must find the heap without custom handlers. PHP frees the
 * compiler's arena (zend_arena_destroy(), oldest block last), then the request's interned
 * string table (zend_interned_strings_deactivate()), then resets the heap. With opcache the
 * table may never have been made; then the arena's oldest block is the last. */
inline bool last_free(const void *p)
{
	const HashTable *ht = &CG(interned_strings);
	if (!(HT_FLAGS(ht) & HASH_FLAG_UNINITIALIZED)) {
		// cppcheck-suppress cstyleCast ; PHP's HT_GET_DATA_ADDR macro casts
		return p == HT_GET_DATA_ADDR(ht);
	}
	return p == t.oldest_arena;
}

void finish();

/* Unreferenced cycles still live when the executor shuts down are freed by no one before the
 * heap is reset: PHP frees an object's contents then, never the object. A debug build
 * collects them first (gc_collect_cycles() in shutdown_executor(), after the global, static
 * and class variables are released and before the object store is freed), so its leak check
 * does not see them; the tracker collects them at the same moment. Its moment is the free of
 * an object made at RSHUTDOWN, the newest in the store, so the first one the store frees
 * (zend_objects_store_free_object_storage() goes newest first). */
zend_object_handlers sentinel_handlers;

/* free_obj of the sentinel object: collect cycles, as a debug build does there. */
void sentinel_free(zend_object *o)
{
	zend_object_std_dtor(o);
	if (t.state == track_state::tracking && !CG(unclean_shutdown) && gc_enabled()) {
		gc_collect_cycles();
	}
	/* Freed, unlike the store's other objects (whose memory PHP leaves to the heap reset, so
	 * that a debug build reports an object nobody released): the store reads a bucket no more
	 * once its free_obj has run, and a debug build would otherwise report this one (40 B). */
	const uint32_t handle = o->handle;
	efree(o);
	ZEND_OBJECTS_STORE_ADD_TO_FREE_LIST(handle);
}

void track_free(void *p ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC)
{
	const bool last = t.state == track_state::draining && p && last_free(p);
	if (p) {
		erase(p);
	}
	_zend_mm_free(t.heap, p ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
	if (last) {
		finish();
	}
}

/* ---- After a fatal error: what the code it interrupted still holds ----
 *
 * A request tracked by custom handlers already gets PHP's full executor shutdown (is_zend_mm()
 * is false with custom handlers, so shutdown_executor() does not take its fast path): after a
 * fatal error PHP still frees the global variables, functions, classes, constants and every
 * object. What it cannot free is what the bailout (a longjmp) left behind: the variables and
 * temporaries of the functions it interrupted, the arguments of the calls in progress, the
 * compiled script or include whose execution it cut short, and a file being compiled. At the
 * fatal error, while those frames still exist, the tracker notes the blocks they hold; the
 * report counts them apart from the leaks. */

/* The blocks the interrupted code held, each with the allocation count at that fatal error (a
 * block allocated later at the same address is not one of them). */
using held_map = std::unordered_map<const void *, uint64_t>;

#ifdef ZTS
thread_local held_map *held;
#else
held_map *held;
#endif

/* The live tracked block at p, or nullptr. */
const block *find_live(const void *p)
{
	if (!t.count || !p) {
		return nullptr;
	}
	const size_t mask = t.capacity - 1;
	for (size_t i = block_hash(p) & mask; t.blocks[i].p; i = (i + 1) & mask) {
		if (t.blocks[i].p == p) {
			return &t.blocks[i];
		}
	}
	return nullptr;
}

/* One walk over the interrupted code at a fatal error. Only values PHP keeps valid are read:
 * a pointer is followed only when it is a live tracked block of the right type and size, so a
 * stale slot is never walked into. */
struct held_walk {
	uint64_t seq;
	std::unordered_set<const void *> seen;
	std::vector<const zval *> todo;

	/* Note p as held; false when this walk has seen it already. */
	bool hold(const void *p)
	{
		if (!p || !seen.insert(p).second) {
			return false;
		}
		(*held)[p] = seq;
		return true;
	}

	/* A hash table's own block (when own) and its data block, and its values. */
	void table(const HashTable *ht, bool own)
	{
		if (!ht || (own && !hold(ht))) {
			return;
		}
		if (HT_FLAGS(ht) & HASH_FLAG_UNINITIALIZED) {
			return;
		}
		const void *data = HT_GET_DATA_ADDR(ht);
		const block *d = find_live(data);
		const size_t used = HT_HASH_SIZE(ht->nTableMask) +
		                    static_cast<size_t>(ht->nNumUsed) * (HT_IS_PACKED(ht) ? sizeof(zval) : sizeof(Bucket));
		if (!d || used > d->size || !hold(data)) {
			return;
		}
		zval *v;
		ZEND_HASH_FOREACH_VAL(const_cast<HashTable *>(ht), v) {
			todo.push_back(v);
		}
		ZEND_HASH_FOREACH_END();
	}

	/* A value and what it holds: strings, arrays and references (objects and resources are
	 * freed by PHP's object store and resource list whoever holds them). */
	void value(const zval *zv)
	{
		todo.push_back(zv);
		while (!todo.empty()) {
			const zval *v = todo.back();
			todo.pop_back();
			if (Z_TYPE_P(v) == IS_INDIRECT) {
				v = Z_INDIRECT_P(v);
			}
			if (!Z_REFCOUNTED_P(v)) {
				continue;
			}
			const zend_refcounted *r = Z_COUNTED_P(v);
			const block *b = find_live(r);
			if (!b || GC_TYPE(r) != Z_TYPE_P(v)) {
				continue;
			}
			if (Z_TYPE_P(v) == IS_STRING) {
				if (b->size >= _ZSTR_STRUCT_SIZE(Z_STRLEN_P(v))) {
					hold(r);
				}
			} else if (Z_TYPE_P(v) == IS_ARRAY && b->size >= sizeof(HashTable)) {
				table(Z_ARRVAL_P(v), true);
			} else if (Z_TYPE_P(v) == IS_REFERENCE && b->size >= sizeof(zend_reference) && hold(r)) {
				todo.push_back(&Z_REF_P(v)->val);
			}
		}
	}

	/* A compiled file or eval whose execution (or compilation) was cut short: PHP frees such
	 * an op_array after running it, which never comes. */
	void op_array(const zend_op_array *op, int depth)
	{
		if (!op || depth > 64 || !hold(op)) {
			return;
		}
		hold(op->refcount);
		hold(ZEND_MAP_PTR(op->run_time_cache)); /* a pointer for code run once (never followed) */
		hold(op->opcodes);
		hold(op->live_range);
		hold(op->try_catch_array);
		if (op->vars && hold(op->vars)) {
			for (int i = 0; i < static_cast<int>(op->last_var); i++) {
				if (op->vars[i] && !ZSTR_IS_INTERNED(op->vars[i])) {
					hold(op->vars[i]);
				}
			}
		}
		if (op->literals && hold(op->literals)) {
			for (int i = 0; i < static_cast<int>(op->last_literal); i++) {
				value(&op->literals[i]);
			}
		}
		for (const zend_string *name : {op->filename, op->function_name, op->doc_comment}) {
			if (name && !ZSTR_IS_INTERNED(name)) {
				hold(name); /* the file name is the compiler's reference to the script's path */
			}
		}
		if (op->static_variables && find_live(op->static_variables)) {
			table(op->static_variables, true);
		}
		if (op->attributes && find_live(op->attributes)) {
			table(op->attributes, true);
		}
		if (op->arg_info) {
			hold(op->fn_flags & ZEND_ACC_HAS_RETURN_TYPE ? op->arg_info - 1 : op->arg_info);
		}
		if (op->dynamic_func_defs && hold(op->dynamic_func_defs)) {
			for (uint32_t i = 0; i < op->num_dynamic_func_defs; i++) {
				op_array(op->dynamic_func_defs[i], depth + 1);
			}
		}
	}

	/* Every frame the fatal error interrupts, innermost first. */
	void frames()
	{
		bool innermost = true;
		for (const zend_execute_data *ex = EG(current_execute_data); ex; ex = ex->prev_execute_data) {
			if (!ex->func) {
				continue;
			}
			const uint32_t info = ZEND_CALL_INFO(ex);
			const uint32_t args = ZEND_CALL_NUM_ARGS(ex);
			if (ZEND_USER_CODE(ex->func->type)) {
				const zend_op_array *op = &ex->func->op_array;
				/* The global scope's variables live in EG(symbol_table), which PHP frees. */
				const bool globals = (info & ZEND_CALL_HAS_SYMBOL_TABLE) && ex->symbol_table == &EG(symbol_table);
				if (!globals) {
					for (int i = 0; i < static_cast<int>(op->last_var); i++) {
						value(ZEND_CALL_VAR_NUM(ex, i));
					}
					if (info & ZEND_CALL_HAS_SYMBOL_TABLE) {
						table(ex->symbol_table, true);
					}
				}
				if ((info & ZEND_CALL_FREE_EXTRA_ARGS) && args > op->num_args) {
					const zval *extra = ZEND_CALL_VAR_NUM(ex, op->last_var + op->T);
					for (uint32_t i = 0; i < args - op->num_args; i++) {
						value(extra + i);
					}
				}
				/* Temporaries. The innermost user frame's saved opline may be behind the one
				 * running (a handler that allocates need not save it first), and a temporary
				 * consumed by the next opline has no live range, so there every temporary slot
				 * is read; value() takes only live blocks of the slot's type, allocated before
				 * the fatal error (a slot a finished temporary left is taken only should a
				 * block of its type have come to the same address). Further out, the
				 * temporaries live at the saved opline (the call), and those it consumes. */
				if (innermost) {
					for (uint32_t i = 0; i < op->T; i++) {
						value(ZEND_CALL_VAR_NUM(ex, op->last_var + i));
					}
				} else if (ex->opline >= op->opcodes && ex->opline < op->opcodes + op->last) {
					const uint32_t op_num = static_cast<uint32_t>(ex->opline - op->opcodes);
					for (int i = 0; i < static_cast<int>(op->last_live_range); i++) {
						const zend_live_range &range = op->live_range[i];
						if (range.start > op_num) {
							break;
						}
						const uint32_t kind = range.var & ZEND_LIVE_MASK;
						if (op_num <= range.end && (kind == ZEND_LIVE_TMPVAR || kind == ZEND_LIVE_LOOP)) {
							value(ZEND_CALL_VAR(ex, range.var & ~ZEND_LIVE_MASK));
						}
					}
				}
				if (info & ZEND_CALL_CODE) {
					op_array(op, 0);
				}
				innermost = false;
			} else {
				for (uint32_t i = 1; i <= args; i++) {
					value(ZEND_CALL_ARG(ex, i));
				}
			}
			if (info & ZEND_CALL_HAS_EXTRA_NAMED_PARAMS) {
				table(ex->extra_named_params, true);
			}
		}
		/* A file being compiled: its op_array so far, and the syntax tree's arena. */
		if (CG(in_compilation)) {
			op_array(CG(active_op_array), 0);
			for (const zend_arena *a = CG(ast_arena); a; a = a->prev) {
				hold(a);
			}
		}
	}
};

/* At a fatal error in a tracked request: note what the code it interrupts holds, and the
 * error's own message and file name, which the bailout keeps PHP from releasing. */
void note_held(const zend_string *file, const zend_string *message)
{
	if (!held) {
		held = new (std::nothrow) held_map();
		if (!held) {
			return;
		}
	}
	held_walk w{t.seq, {}, {}};
	w.frames();
	for (const zend_string *str : {file, message}) {
		if (str && !ZSTR_IS_INTERNED(str)) {
			w.hold(str);
		}
	}
}

/* Whether a block still live after a fatal error was held by the code it interrupted. */
inline bool is_held(const block &b)
{
	if (!held) {
		return false;
	}
	const auto it = held->find(b.p);
	return it != held->end() && b.seq <= it->second;
}

/* Forget the request's held blocks. */
void clear_held()
{
	delete held;
	held = nullptr;
}

/* A fatal error raised inside the Zend MM (memory_limit) leaves through a longjmp, with the
 * handlers off: put them back before it does, so the request's frees are still recorded. */
void track_error_observer(int type, zend_string *file, uint32_t line, zend_string *message)
{
	(void)line;
	if (t.inside && t.state != track_state::off) {
		t.inside = false;
		install();
	}
	/* A fatal error bails out (an uncaught exception's E_ERROR does not, but by then no frame
	 * is left to walk). */
	if ((type & E_FATAL_ERRORS) && t.state == track_state::tracking) {
		note_held(file, message);
	}
}

/* Per site: its live blocks and bytes among blocks allocated after mark, largest first. With
 * held_blocks and held_bytes, the blocks held by the code a fatal error interrupted are counted
 * there instead. */
std::vector<track_site_total> totals(uint64_t mark, uint64_t *held_blocks = nullptr, uint64_t *held_bytes = nullptr)
{
	std::vector<uint64_t> bytes(t.site_count + 1, 0), blocks(t.site_count + 1, 0);
	for (size_t i = 0; i < t.capacity; i++) {
		const block &b = t.blocks[i];
		if (held_blocks && live(b) && is_held(b)) {
			/* After a fatal error: held by the interrupted code, counted apart. */
			++*held_blocks;
			*held_bytes += b.size;
		} else if (live(b) && b.seq > mark) {
			const size_t s = b.site < t.site_count ? b.site : t.site_count;
			bytes[s] += b.size;
			blocks[s]++;
		}
	}
	std::vector<track_site_total> out;
	for (size_t s = 0; s <= t.site_count; s++) {
		if (!blocks[s]) {
			continue;
		}
		if (s < t.site_count) {
			const site &x = t.sites[s];
			out.push_back({x.file ? x.file : "", x.line, x.function ? x.function : "", x.extension, blocks[s],
			               bytes[s]});
		} else {
			out.push_back({"", 0, "", nullptr, blocks[s], bytes[s]});
		}
	}
	std::stable_sort(out.begin(), out.end(), [](const track_site_total &a, const track_site_total &b) {
		return a.bytes != b.bytes ? a.bytes > b.bytes : a.blocks > b.blocks;
	});
	return out;
}

/* Append s to out as a JSON string. */
void json_string(std::string &out, const char *s)
{
	out.push_back('"');
	for (const unsigned char *c = reinterpret_cast<const unsigned char *>(s); *c; c++) {
		if (*c == '"' || *c == '\\') {
			out.push_back('\\');
			out.push_back(static_cast<char>(*c));
		} else if (*c < 0x20) {
			char buf[8];
			snprintf(buf, sizeof(buf), "\\u%04x", *c);
			out.append(buf);
		} else {
			out.push_back(static_cast<char>(*c));
		}
	}
	out.push_back('"');
}

/* Write one line where php_log_err() would: the error_log file, else the SAPI's log. Called
 * after the request's strings are gone, so it neither emallocs nor reads an INI string's copy. */
void log_line(const std::string &line)
{
#if PHP_VERSION_ID >= 80600
	/* PHP 8.6 keeps error_log as a zend_string. */
	const char *path = PG(error_log) ? ZSTR_VAL(PG(error_log)) : nullptr;
#else
	const char *path = PG(error_log);
#endif
	if (path && *path && strcmp(path, "syslog") != 0) {
		int fd = open(path, O_CREAT | O_APPEND | O_WRONLY, 0644);
		if (fd >= 0) {
			std::string l = line + "\n";
			ssize_t n = write(fd, l.data(), l.size());
			(void)n;
			close(fd);
			return;
		}
	}
	if (sapi_module.log_message) {
		sapi_module.log_message(line.c_str(), LOG_NOTICE);
	}
}

/* The request-end leak report: the deferred report line with the blocks still live. After a
 * fatal error, the blocks the interrupted code held (see note_held()) are counted apart. */
void report_leaks()
{
	const bool json = MEMORY_G(ini.report_format) == MEMORY_REPORT_JSON;
	std::string head = t.deferred ? t.deferred : "";
	char buf[256];
	uint64_t held_blocks = 0, held_bytes = 0;
	const std::vector<track_site_total> sites =
	    t.unclean ? totals(0, &held_blocks, &held_bytes) : totals(0);
	uint64_t blocks = 0, bytes = 0;
	for (const track_site_total &s : sites) {
		blocks += s.blocks;
		bytes += s.bytes;
	}
	if (MEMORY_G(ini.report) == MEMORY_REPORT_LEAKS && !blocks) {
		return; /* memory.report=leaks: a request that leaves nothing behind says nothing */
	}
	if (json) {
		if (head.empty() || head.back() != '}') {
			head = "{}";
		}
		head.pop_back();
		if (head.size() > 1) {
			head.push_back(',');
		}
		head.append("\"leaks\":[");
		for (size_t i = 0; i < sites.size(); i++) {
			const track_site_total &s = sites[i];
			head.append(i ? ",{\"file\":" : "{\"file\":");
			json_string(head, s.file);
			snprintf(buf, sizeof(buf), ",\"line\":%" PRIu32 ",\"function\":", s.line);
			head.append(buf);
			json_string(head, s.function);
			head.append(",\"extension\":");
			if (s.extension) {
				json_string(head, s.extension);
			} else {
				head.append("null");
			}
			snprintf(buf, sizeof(buf), ",\"blocks\":%" PRIu64 ",\"bytes\":%" PRIu64 "}", s.blocks, s.bytes);
			head.append(buf);
		}
		snprintf(buf, sizeof(buf),
		         "],\"leaked_blocks\":%" PRIu64 ",\"leaked_bytes\":%" PRIu64 ",\"fatal_error\":%s"
		         ",\"held_by_interrupted_blocks\":%" PRIu64 ",\"held_by_interrupted_bytes\":%" PRIu64 "}",
		         blocks, bytes, t.unclean ? "true" : "false", held_blocks, held_bytes);
		head.append(buf);
		log_line(head);
		return;
	}
	if (!head.empty()) {
		log_line(head);
	}
	snprintf(buf, sizeof(buf),
	         "memory: pid %ld request %" PRIu64 ": emalloc leaks%s: %" PRIu64 " blocks, %" PRIu64
	         " bytes still allocated at request end, reclaimed now%s",
	         static_cast<long>(current_pid()), current_request(), t.unclean ? " after a fatal error" : "", blocks,
	         bytes, blocks ? ":" : "");
	log_line(buf);
	for (const track_site_total &s : sites) {
		std::string l;
		snprintf(buf, sizeof(buf), "memory:   %" PRIu64 " bytes in %" PRIu64 " blocks at ", s.bytes,
		         s.blocks);
		l.append(buf);
		l.append(*s.file ? s.file : "(no PHP code)");
		snprintf(buf, sizeof(buf), ":%" PRIu32 ", ", s.line);
		l.append(buf).append(*s.function ? s.function : "(engine)");
		if (s.extension) {
			l.append(" (").append(s.extension).append(")");
		}
		log_line(l);
	}
	if (held_blocks) {
		snprintf(buf, sizeof(buf),
		         "memory:   not counted: %" PRIu64 " blocks, %" PRIu64
		         " bytes held by the code the fatal error interrupted (its variables, temporaries and "
		         "compiled script, which PHP does not free after a fatal error)",
		         held_blocks, held_bytes);
		log_line(buf);
	}
}

/* Forget the request's blocks and sites; the tables keep their memory for the next one. */
void clear()
{
	if (t.blocks) {
		memset(t.blocks, 0, t.capacity * sizeof(block));
	}
	t.count = 0;
	t.used = 0;
	for (size_t i = 0; i < t.site_count; i++) {
		free(t.sites[i].file);
		free(t.sites[i].function);
		free(t.sites[i].extension);
	}
	t.site_count = 0;
	t.last_site = UINT32_MAX;
	if (t.site_slots) {
		memset(t.site_slots, 0, t.site_slot_capacity * sizeof(uint32_t));
	}
	free(t.deferred);
	t.deferred = nullptr;
	clear_held();
}

/* Give the heap back to the Zend MM, report what is still live when asked, and forget it. */
void finish()
{
	uninstall();
	t.state = track_state::off;
	if (MEMORY_G(ini.report)) {
		report_leaks();
	}
	clear();
}

} // namespace

void track_minit(bool loaded_by_dl)
{
	loaded_at_startup = !loaded_by_dl;
	memcpy(&sentinel_handlers, &std_object_handlers, sizeof(sentinel_handlers));
	sentinel_handlers.free_obj = sentinel_free;
	if (loaded_at_startup) {
		zend_observer_error_register(track_error_observer);
	}
}

void track_rinit()
{
	if (t.state == track_state::draining) {
		/* The last free never came (a SAPI that ends requests another way): give the heap
		 * back now, unreported. */
		uninstall();
		t.state = track_state::off;
	}
	if (t.state != track_state::off) {
		return; /* the repeated RINIT of an extension loaded after startup */
	}
	clear();
	if (!MEMORY_G(ini.track) || !loaded_at_startup) {
		return;
	}
	zend_mm_heap *heap = zend_mm_get_heap();
	if (zend_mm_is_custom_heap(heap)) {
		return; /* USE_ZEND_ALLOC=0, or another tracker: nothing to forward to */
	}
	if (!t.blocks && !grow_blocks()) {
		return;
	}
	t.heap = heap;
	t.inside = false;
	t.unclean = false;
	t.state = track_state::tracking;
	install();
}

void track_rshutdown()
{
	if (t.state != track_state::tracking || !(EG(flags) & EG_FLAGS_OBJECT_STORE_NO_REUSE)) {
		return;
	}
	/* The newest object of the store: PHP frees the store's objects newest first. */
	zend_object *o = zend_objects_new(zend_standard_class_def);
	o->handlers = &sentinel_handlers;
}

bool track_active()
{
	return t.state == track_state::tracking;
}

void track_post_deactivate()
{
	if (t.state != track_state::tracking) {
		return;
	}
	t.unclean = CG(unclean_shutdown);
	t.oldest_arena = CG(arena);
	while (t.oldest_arena && t.oldest_arena->prev) {
		t.oldest_arena = t.oldest_arena->prev;
	}
	t.state = track_state::draining;
	if (!t.oldest_arena && (HT_FLAGS(&CG(interned_strings)) & HASH_FLAG_UNINITIALIZED)) {
		finish(); /* no last free to wait for */
	}
}

void track_defer_line(const char *line)
{
	free(t.deferred);
	t.deferred = copy(line, strlen(line));
}

uint64_t track_mark()
{
	return t.seq;
}

size_t track_live(uint64_t mark, void (*fn)(const track_site_total &site, void *arg), void *arg)
{
	/* Copied out first: fn emallocs, which adds blocks and may add sites. */
	const std::vector<track_site_total> sites = totals(mark);
	for (const track_site_total &s : sites) {
		fn(s, arg);
	}
	return sites.size();
}

bool track_pause()
{
	if (t.state != track_state::tracking) {
		return false;
	}
	uninstall();
	return true;
}

void track_resume()
{
	install();
}

bool track_available()
{
	return loaded_at_startup;
}

size_t track_gc()
{
	uninstall();
	const size_t freed = zend_mm_gc(t.heap);
	install();
	return freed;
}

} // namespace memory
