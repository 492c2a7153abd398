//! Read-only weight tables on 2 MiB pages.
//!
//! Scoring reads the models' tables (tens of MB) at random, so with 4 KiB pages nearly every
//! lookup also misses the TLB and pays a page walk on top of its cache miss. Linux backs a
//! region advised with `MADV_HUGEPAGE` by 2 MiB pages where it can, and a few dozen of those
//! cover a whole table. [`Table`] copies a finished table into such a region; elsewhere (or if
//! the kernel refuses) it is an ordinary heap copy, with the same contents either way.

use std::ops::Deref;

/// A frozen copy of a slice, on huge pages where the system offers them.
pub struct Table<T: Copy> {
    store: Store<T>,
}

enum Store<T> {
    Heap(Vec<T>),
    #[cfg(target_os = "linux")]
    Mapped {
        base: *mut libc::c_void,
        map_len: usize,
        data: *const T,
        len: usize,
    },
}

// SAFETY: the mapped region is owned by the table alone, written once before it is shared and
// never again, so it is as thread-safe as the `Vec<T>` it replaces.
unsafe impl<T: Copy + Send> Send for Table<T> {}
// SAFETY: see above; shared access only ever reads.
unsafe impl<T: Copy + Sync> Sync for Table<T> {}

#[cfg(target_os = "linux")]
const HUGE_PAGE: usize = 2 << 20;

impl<T: Copy> Table<T> {
    pub fn new(items: &[T]) -> Table<T> {
        #[cfg(target_os = "linux")]
        if let Some(store) = map_huge(items) {
            return Table { store };
        }
        Table {
            store: Store::Heap(items.to_vec()),
        }
    }

    /// True when the table lives in a region advised for huge pages (for tests).
    pub fn is_mapped(&self) -> bool {
        !matches!(self.store, Store::Heap(_))
    }
}

/// A private anonymous mapping, aligned to a huge page and advised for them, holding `items`;
/// `None` for tables smaller than a huge page or when the mapping fails.
#[cfg(target_os = "linux")]
fn map_huge<T: Copy>(items: &[T]) -> Option<Store<T>> {
    let bytes = std::mem::size_of_val(items);
    if bytes < HUGE_PAGE || std::mem::align_of::<T>() > HUGE_PAGE {
        return None;
    }
    let span = bytes.next_multiple_of(HUGE_PAGE);
    let map_len = span + HUGE_PAGE;
    // SAFETY: an anonymous private mapping with no address hint touches no existing memory.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            map_len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return None;
    }
    let start = base.cast::<u8>();
    // SAFETY: the aligned start is at most HUGE_PAGE - 1 bytes in, and `span` bytes from it
    // end inside the `span + HUGE_PAGE` bytes mapped.
    let data = unsafe { start.add(start.align_offset(HUGE_PAGE)) };
    // SAFETY: advice on memory this function just mapped; a refusal only means small pages.
    unsafe { libc::madvise(data.cast(), span, libc::MADV_HUGEPAGE) };
    // SAFETY: `data` is aligned for T (a multiple of HUGE_PAGE ≥ align_of T), has room for
    // `bytes`, and does not overlap `items`.
    unsafe { std::ptr::copy_nonoverlapping(items.as_ptr().cast::<u8>(), data, bytes) };
    Some(Store::Mapped {
        base,
        map_len,
        data: data.cast::<T>(),
        len: items.len(),
    })
}

impl<T: Copy> Deref for Table<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        match &self.store {
            Store::Heap(v) => v,
            #[cfg(target_os = "linux")]
            // SAFETY: `data` points at `len` initialised `T`s that live as long as `self`.
            Store::Mapped { data, len, .. } => unsafe { std::slice::from_raw_parts(*data, *len) },
        }
    }
}

impl<T: Copy> Drop for Table<T> {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        if let Store::Mapped { base, map_len, .. } = self.store {
            // SAFETY: the mapping made in `map_huge`, unmapped once; no slice of it outlives
            // `self`.
            unsafe { libc::munmap(base, map_len) };
        }
    }
}

impl<T: Copy> Clone for Table<T> {
    fn clone(&self) -> Table<T> {
        Table::new(self)
    }
}

impl<T: Copy> Default for Table<T> {
    fn default() -> Table<T> {
        Table {
            store: Store::Heap(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_the_same_items_small_or_large() {
        let small: Vec<u32> = (0..1000).collect();
        let t = Table::new(&small);
        assert_eq!(&t[..], &small[..]);
        assert!(!t.is_mapped());
        let large: Vec<u64> = (0..(3 << 20) / 8 + 5).map(|i| i * 7 + 1).collect();
        let t = Table::new(&large);
        assert_eq!(&t[..], &large[..]);
        #[cfg(target_os = "linux")]
        assert!(t.is_mapped());
        let empty: Table<u8> = Table::new(&[]);
        assert!(empty.is_empty());
    }
}
