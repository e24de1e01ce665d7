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
#include <atomic>
#include <iterator>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
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

/* A block recorded by its address in the spill table: a huge block (a mapping of its own, at
 * a 2 MiB boundary), or a small block that starts in a granule where another live block
 * starts (bins of 8 to 24 B). p == nullptr marks an empty slot. */
struct block {
	void *p;
	size_t size;
	uint64_t seq;
	uint32_t site;
};

/* A small or large block's record in its chunk's shadow. Its size fits in 32 bits: a block
 * inside a chunk is smaller than the chunk. */
struct slot {
	uint64_t seq;
	uint32_t size;
	uint32_t site;
};

constexpr uintptr_t chunk_size = ZEND_MM_CHUNK_SIZE;
/* Blocks start at multiples of 8 B (the smallest bin); no two blocks of 32 B or more start
 * in one 32 B granule, and the blocks of 24 B or less are few. */
constexpr size_t position_shift = 3;
constexpr size_t granule_shift = 5;
constexpr size_t positions = chunk_size >> position_shift;
constexpr size_t granules = chunk_size >> granule_shift;
constexpr size_t positions_per_granule = positions / granules;
static_assert(positions_per_granule == 4 && 64 % positions_per_granule == 0, "a granule's bits in one word");
static_assert(ZEND_MM_MAX_LARGE_SIZE < UINT32_MAX, "a block inside a chunk has a 32-bit size");

/* The records of the blocks in one Zend MM chunk, a slot per 32 B granule, indexed by offset:
 * a block's record is found without hashing, and neighbouring blocks have neighbouring
 * records. A bit per 8 B position says where a live block starts, and one beside it whether
 * its record is in the spill table: a free reads and clears only its bits (the bitmap is 1/32
 * of the chunk and stays in the cache), an allocation writes its slot without reading it. The
 * slots are an anonymous mapping, faulted in only where blocks are: half the size of the
 * chunk memory in use, at most. */
struct shadow {
	uintptr_t chunk; /* the chunk's address */
	slot *slots;     /* a slot per granule, mmap'd */
	struct {
		uint64_t live;    /* a bit per position: a live block starts there */
		uint64_t spilled; /* a bit per position: its block's record is in the spill table */
	} bits[positions / 64];
};

/* Whether a shadow records no live block. */
bool empty(const shadow *s)
{
	return std::none_of(std::begin(s->bits), std::end(s->bits), [](const auto &b) { return b.live != 0; });
}

/* A site found lately: its keys and index. site == UINT32_MAX marks an empty hint. */
struct site_hint {
	const void *file_key;
	const void *function_key;
	const void *scope_key;
	uint32_t line;
	uint32_t site;
};

/* Hints in the cache of sites: direct-mapped by opline, small enough to stay in the cache
 * (a program allocates at a few hundred oplines again and again). */
constexpr size_t site_hints = 256;

enum class track_state {
	off,      /* nothing installed */
	tracking, /* the handlers record every call */
	draining, /* after post-deactivate: frees are recorded until PHP frees its last block */
};

/* The tracker's bookkeeping, all of it in malloc'd and mmap'd memory: outside the Zend MM, so
 * that memory_get_usage() reads the same with tracking on. */
struct tracker {
	track_state state;
	const char *untracked; /* why this request is not tracked (set at RINIT), or nullptr */
	zend_mm_heap *heap;    /* the request's heap: the handlers forward to it */
	bool inside;        /* inside the Zend MM's allocation: a bailout may leave from there */
	bool unclean;       /* the request ended in a fatal error */
	block *blocks;      /* the spill table: open addressing, linear probing; capacity a power of 2 */
	size_t capacity;
	size_t spill_count;
	size_t used;      /* spill_count + erased marks */
	shadow **shadows; /* per chunk that has held a tracked block */
	size_t shadow_count;
	size_t shadow_capacity;
	shadow **shadow_slots; /* chunk address -> shadow: open addressing, capacity a power of 2 */
	size_t shadow_slot_capacity;
	slot **free_slots; /* slots of shadows given back (their pages too), for the next new shadows */
	size_t free_slot_count;
	size_t free_slot_capacity;
	uintptr_t last_chunk; /* the chunk of the last lookup, and its shadow */
	shadow *last_shadow;
	site *sites;
	size_t site_count;
	size_t site_capacity;
	uint32_t *site_slots;        /* open addressing: site index + 1, 0 for empty */
	site_hint hints[site_hints]; /* sites found lately, by the opline that allocated */
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

/* Where the tracker maps its memory: far below the region the kernel hands out by default
 * (top down, where the Zend MM's chunks and huge blocks are). Mappings among the Zend MM's
 * would change where its next chunk or huge block lands, and whether a huge block can grow in
 * place; then memory_limit's fatal could come at another allocation than without tracking.
 * The kernel takes the address as a hint only: where it is taken (ASan's shadow memory, a
 * smaller address space), the mapping goes where the kernel puts it. */
#if UINTPTR_MAX > UINT32_MAX
std::atomic<uintptr_t> next_mapping{UINT64_C(0x200000000000)}; /* 32 TiB */
#else
std::atomic<uintptr_t> next_mapping{0}; /* no room to spare: where the kernel puts it */
#endif

/* size bytes of zeroed anonymous memory, faulted in page by page; nullptr when mmap fails. */
void *map_memory(size_t size)
{
	uintptr_t hint = next_mapping.load();
	void *m = mmap(reinterpret_cast<void *>(hint), size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) {
		return nullptr;
	}
	if (reinterpret_cast<uintptr_t>(m) == hint) {
		next_mapping.compare_exchange_strong(hint, hint + size); /* another thread's may come first */
	}
	return m;
}

/* Tables of at least this many bytes are mapped there too; smaller ones come from malloc's
 * heap (below its mmap threshold, 128 KiB), which the Zend MM does not use. */
constexpr size_t big_table = 64 * 1024;

/* The tables of pointers (T = shadow *, slot *) are sized by their pointers on purpose. */
// NOLINTBEGIN(bugprone-sizeof-expression)

/* A zeroed table of n entries of T; nullptr when out of memory. */
template <typename T> T *table_alloc(size_t n)
{
	if (!n || sizeof(T) > SIZE_MAX / n) {
		return nullptr;
	}
	return static_cast<T *>(n * sizeof(T) >= big_table ? map_memory(n * sizeof(T)) : calloc(n, sizeof(T)));
}

/* Give back a table made by table_alloc(n). */
template <typename T> void table_free(T *p, size_t n)
{
	if (p && n * sizeof(T) >= big_table) {
		munmap(p, n * sizeof(T));
	} else {
		free(p);
	}
}

/* Replace a table by a zeroed one of capacity entries, to be filled again; false (the old one
 * kept) when the mapping fails. */
template <typename T> bool fresh_table(T *&table, size_t &table_capacity, size_t capacity)
{
	T *fresh = table_alloc<T>(capacity);
	if (!fresh) {
		return false;
	}
	table_free(table, table_capacity);
	table = fresh;
	table_capacity = capacity;
	return true;
}

/* Room for one more item in a table holding count items, with room for capacity: the table
 * doubles, from first items; false when the mapping fails. */
template <typename T> bool reserve_one(T *&items, size_t count, size_t &capacity, size_t first)
{
	if (count < capacity) {
		return true;
	}
	const size_t grown = capacity ? capacity * 2 : first;
	T *bigger = table_alloc<T>(grown);
	if (!bigger) {
		return false;
	}
	if (count) {
		std::copy(items, items + count, bigger);
	}
	table_free(items, capacity);
	items = bigger;
	capacity = grown;
	return true;
}
// NOLINTEND(bugprone-sizeof-expression)

/* An erased spilled block's slot: lookups go on past it, insertions take it. */
void *const erased = reinterpret_cast<void *>(1);

/* Whether a slot of the spill table holds a live block. */
inline bool live(const block &b)
{
	return b.p && b.p != erased;
}

/* Rebuild the spill table at capacity (a power of 2), without the erased marks; false when
 * malloc fails. */
bool rebuild_blocks(size_t capacity)
{
	block *blocks = table_alloc<block>(capacity);
	if (!blocks) {
		return false;
	}
	for (size_t i = 0; t.blocks && i < t.capacity; i++) {
		if (live(t.blocks[i])) {
			size_t k = hash_ptr(t.blocks[i].p) & (capacity - 1);
			while (blocks[k].p) {
				k = (k + 1) & (capacity - 1);
			}
			blocks[k] = t.blocks[i];
		}
	}
	table_free(t.blocks, t.capacity);
	t.blocks = blocks;
	t.capacity = capacity;
	t.used = t.spill_count;
	return true;
}

/* Put p in the spill table; false when malloc fails. */
bool spill(void *p, size_t size, uint32_t site)
{
	if ((t.used + 1) * 2 > t.capacity) {
		/* Half full of blocks and erased marks: twice the size when the blocks alone fill a
		 * quarter, else the same size without the marks. */
		if (!rebuild_blocks(!t.capacity                      ? 64
		                    : t.spill_count * 4 > t.capacity ? t.capacity * 2
		                                                     : t.capacity)) {
			return false;
		}
	}
	const size_t mask = t.capacity - 1;
	size_t i = hash_ptr(p) & mask;
	while (live(t.blocks[i])) {
		i = (i + 1) & mask;
	}
	if (!t.blocks[i].p) {
		t.used++;
	}
	t.spill_count++;
	t.blocks[i] = block{p, size, ++t.seq, site};
	return true;
}

/* p's entry in the spill table, or nullptr. */
block *find_spilled(const void *p)
{
	if (!t.spill_count) {
		return nullptr;
	}
	const size_t mask = t.capacity - 1;
	for (size_t i = hash_ptr(p) & mask; t.blocks[i].p; i = (i + 1) & mask) {
		if (t.blocks[i].p == p) {
			return &t.blocks[i];
		}
	}
	return nullptr;
}

/* Take p out of the spill table; true when it was there. */
bool unspill(const void *p)
{
	block *b = find_spilled(p);
	if (!b) {
		return false;
	}
	b->p = erased;
	t.spill_count--;
	return true;
}

/* The slot of a shadow's chunk address in t.shadow_slots (empty or holding it). */
inline size_t shadow_slot(uintptr_t chunk)
{
	const size_t mask = t.shadow_slot_capacity - 1;
	size_t i = (chunk / chunk_size) & mask; /* the Zend MM maps chunks mostly side by side */
	while (t.shadow_slots[i] && t.shadow_slots[i]->chunk != chunk) {
		i = (i + 1) & mask;
	}
	return i;
}

/* Rebuild the chunk -> shadow table at capacity; false when malloc fails. */
bool rebuild_shadow_slots(size_t capacity)
{
	if (!fresh_table(t.shadow_slots, t.shadow_slot_capacity, capacity)) {
		return false;
	}
	for (size_t k = 0; k < t.shadow_count; k++) {
		t.shadow_slots[shadow_slot(t.shadows[k]->chunk)] = t.shadows[k];
	}
	return true;
}

/* The shadow of chunk, or nullptr when no tracked block was ever in it. */
inline shadow *find_shadow(uintptr_t chunk)
{
	if (chunk == t.last_chunk) {
		return t.last_shadow;
	}
	if (!t.shadow_count) {
		return nullptr;
	}
	shadow *s = t.shadow_slots[shadow_slot(chunk)];
	if (s) {
		t.last_chunk = chunk;
		t.last_shadow = s;
	}
	return s;
}

/* A new shadow's slots (their contents are read only where a live bit is set). */
slot *map_slots()
{
	if (t.free_slot_count) {
		return t.free_slots[--t.free_slot_count];
	}
	return static_cast<slot *>(map_memory(granules * sizeof(slot)));
}

/* Give back a shadow: its slots' pages and itself. */
void unmap_shadow(shadow *s)
{
	madvise(s->slots, granules * sizeof(slot), MADV_DONTNEED);
	if (t.free_slot_count == t.free_slot_capacity) {
		const size_t capacity = t.free_slot_capacity ? t.free_slot_capacity * 2 : 16;
		slot **list = table_alloc<slot *>(capacity);
		if (!list) {
			munmap(s->slots, granules * sizeof(slot));
			free(s);
			return;
		}
		std::copy(t.free_slots, t.free_slots + t.free_slot_count, list);
		table_free(t.free_slots, t.free_slot_capacity);
		t.free_slots = list;
		t.free_slot_capacity = capacity;
	}
	t.free_slots[t.free_slot_count++] = s->slots;
	free(s);
}

/* A shadow for chunk, made now: a shadow without live records is taken over when there are
 * more shadows than the heap can have chunks (the Zend MM unmapped their chunks and maps new
 * ones elsewhere), else a new one; nullptr when malloc or mmap fails. */
shadow *add_shadow(uintptr_t chunk)
{
	shadow *s = nullptr;
	if (t.shadow_count > 8 + 2 * (zend_memory_usage(true) / chunk_size)) {
		for (size_t k = 0; k < t.shadow_count; k++) {
			if (empty(t.shadows[k])) {
				/* Out of the table, then back in under its new chunk. */
				shadow *const free_shadow = t.shadows[k];
				t.shadows[k] = t.shadows[--t.shadow_count];
				if (!rebuild_shadow_slots(t.shadow_slot_capacity)) {
					t.shadows[t.shadow_count++] = free_shadow;
					return nullptr;
				}
				s = free_shadow;
				break;
			}
		}
	}
	if (!s) {
		if (!reserve_one(t.shadows, t.shadow_count, t.shadow_capacity, 16)) {
			return nullptr;
		}
		if ((t.shadow_count + 1) * 2 > t.shadow_slot_capacity &&
		    !rebuild_shadow_slots(t.shadow_slot_capacity ? t.shadow_slot_capacity * 2 : 64)) {
			return nullptr;
		}
		s = static_cast<shadow *>(calloc(1, sizeof(shadow)));
		if (!s) {
			return nullptr;
		}
		s->slots = map_slots();
		if (!s->slots) {
			free(s);
			return nullptr;
		}
	}
	s->chunk = chunk;
	t.shadows[t.shadow_count++] = s;
	t.shadow_slots[shadow_slot(chunk)] = s;
	t.last_chunk = chunk;
	t.last_shadow = s;
	return s;
}

/* Where a block of a chunk is: its position's bit in the live bitmap, the bits of its
 * granule, and the granule. */
struct place {
	size_t word;
	uint64_t bit;
	uint64_t granule_bits;
	size_t granule;
};

inline place place_of(uintptr_t offset)
{
	const size_t pos = offset >> position_shift;
	const size_t first = pos % 64 & ~(positions_per_granule - 1);
	return place{pos / 64, UINT64_C(1) << (pos % 64), UINT64_C(0xF) << first, offset >> granule_shift};
}

/* Remove p's record, if any; true when it was tracked. */
__attribute__((always_inline)) inline bool erase(const void *p)
{
	const uintptr_t a = reinterpret_cast<uintptr_t>(p);
	const uintptr_t offset = a & (chunk_size - 1);
	if (!offset) {
		return unspill(p);
	}
	shadow *s = find_shadow(a - offset);
	if (!s) {
		return false;
	}
	const place w = place_of(offset);
	auto &b = s->bits[w.word];
	if (!(b.live & w.bit)) {
		return false;
	}
	b.live &= ~w.bit;
	if (b.spilled & w.bit) {
		b.spilled &= ~w.bit;
		unspill(p);
	}
	return true;
}

/* Calls fn(p, seq, size, site) for every live tracked block. */
template <typename F> void for_each_block(F fn)
{
	for (size_t k = 0; k < t.shadow_count; k++) {
		const shadow *s = t.shadows[k];
		for (size_t w = 0; w < positions / 64; w++) {
			/* The spilled ones are in the spill table, below. */
			for (uint64_t word = s->bits[w].live & ~s->bits[w].spilled; word; word &= word - 1) {
				const size_t pos = w * 64 + static_cast<size_t>(__builtin_ctzll(word));
				const slot &x = s->slots[pos / positions_per_granule];
				fn(reinterpret_cast<const void *>(s->chunk + (pos << position_shift)), x.seq, x.size, x.site);
			}
		}
	}
	for (size_t i = 0; t.spill_count && i < t.capacity; i++) {
		const block &b = t.blocks[i];
		if (live(b)) {
			fn(static_cast<const void *>(b.p), b.seq, b.size, b.site);
		}
	}
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

/* A site's slot hint: one multiply per key, folded so the low bits mix the high ones. */
inline size_t site_hash(const void *file, uint32_t line, const void *function_key, const void *scope_key)
{
	uint64_t x = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(file)) * UINT64_C(0x9e3779b97f4a7c15);
	x ^= static_cast<uint64_t>(reinterpret_cast<uintptr_t>(function_key)) * UINT64_C(0xc2b2ae3d27d4eb4f);
	x ^= static_cast<uint64_t>(reinterpret_cast<uintptr_t>(scope_key)) * UINT64_C(0x165667b19e3779f9);
	x += line * UINT64_C(0x27d4eb2f165667c5);
	return static_cast<size_t>(x ^ (x >> 29) ^ (x >> 43));
}

/* The index in t.sites of the site with these keys, added when new; UINT32_MAX when malloc
 * fails. f is the function that allocates (for the names of a new site). */
__attribute__((noinline)) uint32_t find_site(const zend_string *file, uint32_t line, const void *function_key,
                                             const void *scope_key, const zend_function *f)
{
	const size_t key = site_hash(file, line, function_key, scope_key);
	if (t.site_slot_capacity) {
		const size_t mask = t.site_slot_capacity - 1;
		for (size_t i = key & mask; t.site_slots[i]; i = (i + 1) & mask) {
			const site &s = t.sites[t.site_slots[i] - 1];
			if (s.file_key == file && s.line == line && s.function_key == function_key &&
			    s.scope_key == scope_key) {
				return t.site_slots[i] - 1;
			}
		}
	}

	/* A new site: copy its names, and grow the tables when they are half full. */
	if (!reserve_one(t.sites, t.site_count, t.site_capacity, 256)) {
		return UINT32_MAX;
	}
	if ((t.site_count + 1) * 2 > t.site_slot_capacity) {
		const size_t capacity = t.site_slot_capacity ? t.site_slot_capacity * 2 : 512;
		if (!fresh_table(t.site_slots, t.site_slot_capacity, capacity)) {
			return UINT32_MAX;
		}
		for (size_t k = 0; k < t.site_count; k++) {
			const site &s = t.sites[k];
			const size_t h = site_hash(s.file_key, s.line, s.function_key, s.scope_key);
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
	return index;
}

/* The call site of the allocation being made: its index in t.sites, or UINT32_MAX. */
__attribute__((always_inline)) inline uint32_t current_site()
{
	const zend_execute_data *ex = EG(current_execute_data);
	const zend_function *f = ex ? ex->func : nullptr;
	const zend_string *file = nullptr;
	uint32_t line = 0;
	const zend_execute_data *u = ex;
	while (u && (!u->func || !ZEND_USER_CODE(u->func->type))) {
		u = u->prev_execute_data;
	}
	const zend_op *op = nullptr;
	if (u) {
		const zend_op_array &op_array = u->func->op_array;
		file = op_array.filename;
		/* A frame just entered has no saved opline yet (the VM keeps it in a register), so
		 * only an opline inside the function's own code is read; else its first line. */
		op = u->opline;
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

	/* The hint of this opline and function, checked against every key: an opline's memory may
	 * hold another file's code later in the request. */
	site_hint &h = t.hints[(reinterpret_cast<uintptr_t>(op) / sizeof(zend_op) ^
	                        reinterpret_cast<uintptr_t>(f) / sizeof(void *)) &
	                       (site_hints - 1)];
	if (h.file_key == file && h.line == line && h.function_key == function_key && h.scope_key == scope_key &&
	    h.site < t.site_count) {
		return h.site;
	}
	const uint32_t s = find_site(file, line, function_key, scope_key, f);
	h = site_hint{file, function_key, scope_key, line, s};
	return s;
}

/* Record a new block of size bytes at p. */
__attribute__((always_inline)) inline void record(void *p, size_t size)
{
	if (!p) {
		return;
	}
	const uintptr_t a = reinterpret_cast<uintptr_t>(p);
	const uintptr_t offset = a & (chunk_size - 1);
	if (!offset) {
		spill(p, size, current_site()); /* out of malloc: the block goes untracked */
		return;
	}
	shadow *s = find_shadow(a - offset);
	if (!s && !(s = add_shadow(a - offset))) {
		return; /* out of memory: the block goes untracked rather than failing the request */
	}
	const place w = place_of(offset);
	auto &b = s->bits[w.word];
	if (b.live & w.bit) {
		/* Every free of a tracked block erases its record: this one's block was freed while
		 * the handlers were off. */
		erase(p);
	}
	const uint32_t site = current_site();
	if (b.live & w.granule_bits) {
		/* Another live block starts in this granule and may own its slot. */
		if (!spill(p, size, site)) {
			return;
		}
		b.spilled |= w.bit;
	} else {
		slot &x = s->slots[w.granule];
		x.seq = ++t.seq;
		x.size = static_cast<uint32_t>(size);
		x.site = site;
	}
	b.live |= w.bit;
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

/* Whether an allocation of size bytes may take the Zend MM past memory_limit. Then it runs its
 * garbage collection first, which it skips on a heap with custom handlers (zend_mm_gc()
 * returns 0): the handlers are taken off around such a call, so memory_limit's fatal comes at
 * the same allocation as without tracking. The Zend MM looks for memory when it maps a chunk
 * (2 MiB) or a huge block (size, rounded up to pages); a chunk more is kept to spare. (It
 * also runs it when mmap fails, out of system memory: tracked, that out-of-memory error comes
 * without the gc's attempt.) memory_limit is read from PG(memory_limit), which PHP sets
 * together with the heap's limit. */
inline bool near_limit(size_t size)
{
	const size_t limit = static_cast<size_t>(PG(memory_limit));
	const size_t real = zend_memory_usage(true);
	return real >= limit || limit - real < 2 * chunk_size || size > limit - real - 2 * chunk_size;
}

/* Call the Zend MM with the handlers off (see near_limit()). */
template <typename F> auto natively(F call)
{
	uninstall();
	t.inside = true;
	auto r = call();
	t.inside = false;
	install();
	return r;
}

void *track_malloc(size_t size ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC)
{
	void *p = near_limit(size) ? natively([=] {
		return _zend_mm_alloc(t.heap, size ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
	})
	                           : _zend_mm_alloc(t.heap, size ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
	record(p, size);
	return p;
}

void *track_realloc(void *p, size_t size ZEND_FILE_LINE_DC ZEND_FILE_LINE_ORIG_DC)
{
	void *q = near_limit(size) ? natively([=] {
		return _zend_mm_realloc(t.heap, p, size ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
	})
	                           : _zend_mm_realloc(t.heap, p, size ZEND_FILE_LINE_RELAY_CC ZEND_FILE_LINE_ORIG_RELAY_CC);
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

/* Whether p is a live tracked block, and its size. */
struct live_block {
	bool live;
	size_t size;
};

/* The tracked block at p: live or not, and its size. */
live_block find_live(const void *p)
{
	if (!p) {
		return {false, 0};
	}
	const uintptr_t a = reinterpret_cast<uintptr_t>(p);
	const uintptr_t offset = a & (chunk_size - 1);
	const shadow *s = offset ? find_shadow(a - offset) : nullptr;
	if (offset && !s) {
		return {false, 0};
	}
	if (s) {
		const place w = place_of(offset);
		const auto &bits = s->bits[w.word];
		if (!(bits.live & w.bit)) {
			return {false, 0};
		}
		if (!(bits.spilled & w.bit)) {
			return {true, s->slots[w.granule].size};
		}
	}
	const block *b = find_spilled(p);
	return b ? live_block{true, b->size} : live_block{false, 0};
}

/* One walk over the interrupted code at a fatal error. Only values PHP keeps valid are read:
 * a pointer is followed only when it is a live tracked block of the right type and size, so a
 * stale slot is never walked into. */
class held_walk {
	uint64_t seq;
	std::unordered_set<const void *> seen;
	std::vector<const zval *> todo;

  public:
	/* A walk that notes what it finds with seq, the allocation count at the fatal error. */
	explicit held_walk(uint64_t at) : seq(at) {}

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
		// cppcheck-suppress cstyleCast ; PHP's HT_GET_DATA_ADDR macro casts
		const void *data = HT_GET_DATA_ADDR(ht);
		const live_block d = find_live(data);
		const size_t used = HT_HASH_SIZE(ht->nTableMask) +
		                    static_cast<size_t>(ht->nNumUsed) * (HT_IS_PACKED(ht) ? sizeof(zval) : sizeof(Bucket));
		if (!d.live || used > d.size || !hold(data)) {
			return;
		}
		zval *v;
		// cppcheck-suppress cstyleCast ; PHP's ZEND_HASH_FOREACH_VAL macro casts
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
			const live_block b = find_live(r);
			if (!b.live || GC_TYPE(r) != Z_TYPE_P(v)) {
				continue;
			}
			if (Z_TYPE_P(v) == IS_STRING) {
				if (b.size >= _ZSTR_STRUCT_SIZE(Z_STRLEN_P(v))) {
					hold(r);
				}
			} else if (Z_TYPE_P(v) == IS_ARRAY && b.size >= sizeof(HashTable)) {
				table(Z_ARRVAL_P(v), true);
			} else if (Z_TYPE_P(v) == IS_REFERENCE && b.size >= sizeof(zend_reference) && hold(r)) {
				todo.push_back(&Z_REF_P(v)->val);
			}
		}
	}

	/* A compiled file or eval whose execution (or compilation) was cut short: PHP frees such
	 * an op_array after running it, which never comes. */
	// NOLINTNEXTLINE(misc-no-recursion): a closure's op_array holds those it defines, 64 deep at most
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
		if (op->static_variables && find_live(op->static_variables).live) {
			table(op->static_variables, true);
		}
		if (op->attributes && find_live(op->attributes).live) {
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
						// cppcheck-suppress cstyleCast ; PHP's ZEND_CALL_VAR_NUM macro casts
						value(ZEND_CALL_VAR_NUM(ex, i));
					}
					if (info & ZEND_CALL_HAS_SYMBOL_TABLE) {
						table(ex->symbol_table, true);
					}
				}
				if ((info & ZEND_CALL_FREE_EXTRA_ARGS) && args > op->num_args) {
					// cppcheck-suppress cstyleCast ; PHP's ZEND_CALL_VAR_NUM macro casts
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
						// cppcheck-suppress cstyleCast ; PHP's ZEND_CALL_VAR_NUM macro casts
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
							// cppcheck-suppress cstyleCast ; PHP's ZEND_CALL_VAR macro casts
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
					// cppcheck-suppress cstyleCast ; PHP's ZEND_CALL_ARG macro casts
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
	held_walk w(t.seq);
	w.frames();
	for (const zend_string *str : {file, message}) {
		if (str && !ZSTR_IS_INTERNED(str)) {
			w.hold(str);
		}
	}
}

/* Whether a block still live after a fatal error was held by the code it interrupted. */
inline bool is_held(const void *p, uint64_t seq)
{
	if (!held) {
		return false;
	}
	const auto it = held->find(p);
	return it != held->end() && seq <= it->second;
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
	for_each_block([&](const void *p, uint64_t seq, size_t size, uint32_t site) {
		if (held_blocks && is_held(p, seq)) {
			/* After a fatal error: held by the interrupted code, counted apart. */
			++*held_blocks;
			*held_bytes += size;
		} else if (seq > mark) {
			const size_t s = site < t.site_count ? site : t.site_count;
			bytes[s] += size;
			blocks[s]++;
		}
	});
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

/* "s" for a count other than 1: "1 block", "0 blocks", "2 bytes". */
const char *plural(uint64_t n)
{
	return n == 1 ? "" : "s";
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
	         "memory: pid %ld request %" PRIu64 ": emalloc leaks%s: %" PRIu64 " block%s, %" PRIu64
	         " byte%s still allocated at request end, reclaimed now%s",
	         static_cast<long>(current_pid()), current_request(), t.unclean ? " after a fatal error" : "", blocks,
	         plural(blocks), bytes, plural(bytes), blocks ? ":" : "");
	log_line(buf);
	for (const track_site_total &s : sites) {
		std::string l;
		snprintf(buf, sizeof(buf), "memory:   %" PRIu64 " byte%s in %" PRIu64 " block%s at ", s.bytes,
		         plural(s.bytes), s.blocks, plural(s.blocks));
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
		         "memory:   not counted: %" PRIu64 " block%s, %" PRIu64
		         " byte%s held by the code the fatal error interrupted (its variables, temporaries and "
		         "compiled script, which PHP does not free after a fatal error)",
		         held_blocks, plural(held_blocks), held_bytes, plural(held_bytes));
		log_line(buf);
	}
}

/* Shadows kept from one request to the next, cleared: a request's first chunks are the next
 * one's (the Zend MM keeps them cached), and their records' pages stay faulted in (a record
 * is only read where its bit is set, so the slots need no clearing). */
constexpr size_t kept_shadows = 4;

/* Forget the request's blocks: the bitmaps cleared, the shadows past the first few unmapped,
 * so the bookkeeping does not outgrow one request. */
void clear_blocks()
{
	for (size_t k = 0; k < t.shadow_count; k++) {
		shadow *s = t.shadows[k];
		if (k >= kept_shadows) {
			unmap_shadow(s);
		} else {
			memset(s->bits, 0, sizeof(s->bits));
		}
	}
	if (t.shadow_count > kept_shadows) {
		t.shadow_count = kept_shadows;
		rebuild_shadow_slots(t.shadow_slot_capacity);
	}
	t.last_chunk = 0;
	t.last_shadow = nullptr;
	if (t.blocks) {
		memset(t.blocks, 0, t.capacity * sizeof(block));
	}
	t.spill_count = 0;
	t.used = 0;
}

/* Forget the request's blocks and sites; the tables keep their memory for the next one. */
void clear()
{
	clear_blocks();
	for (size_t i = 0; i < t.site_count; i++) {
		free(t.sites[i].file);
		free(t.sites[i].function);
		free(t.sites[i].extension);
	}
	t.site_count = 0;
	memset(t.hints, 0xff, sizeof(t.hints));
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
	if (!loaded_at_startup) {
		t.untracked = "the memory extension was loaded by dl(), not at startup";
		return;
	}
	if (!MEMORY_G(ini.track)) {
		t.untracked = "memory.track was off when it started";
		return;
	}
	zend_mm_heap *heap = zend_mm_get_heap();
	if (zend_mm_is_custom_heap(heap)) {
		/* Nothing to forward to. */
		t.untracked = "the Zend MM is not in use (USE_ZEND_ALLOC=0, valgrind's and ASan's way) or "
		              "another extension has its own handlers on it";
		return;
	}
	t.untracked = nullptr;
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

const char *track_untracked_reason()
{
	return t.untracked ? t.untracked : "memory.track was off when it started";
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
