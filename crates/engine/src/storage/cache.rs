//! Room on the [`Library`](super::Library) for data derived from the database and kept
//! between calls, such as the heading palette's index. Storage keeps each value by its type
//! without knowing what it is, so the domain that derives a value owns its type and its
//! validity check (`PRAGMA data_version` for writes of other processes); every write of this
//! handle drops them all.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

type Values = HashMap<TypeId, Arc<dyn Any + Send + Sync>>;

/// The derived values of one handle, one per type.
#[derive(Default)]
pub(crate) struct Caches {
    values: Mutex<Values>,
}

impl Caches {
    /// Locks the caches: a domain reads its value and replaces it while holding the guard,
    /// so that two callers do not derive it at once.
    pub(crate) fn lock(&self) -> CacheGuard<'_> {
        CacheGuard(self.values.lock().expect("cache lock is never poisoned"))
    }

    /// Drops every value.
    pub(crate) fn clear(&self) {
        self.lock().0.clear();
    }
}

/// The locked caches.
pub(crate) struct CacheGuard<'a>(MutexGuard<'a, Values>);

impl CacheGuard<'_> {
    /// The value of type `T`, if one is kept.
    pub(crate) fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let value = self.0.get(&TypeId::of::<T>())?;
        Arc::clone(value).downcast::<T>().ok()
    }

    /// Keeps `value` as the value of type `T`, replacing the one before.
    pub(crate) fn put<T: Any + Send + Sync>(&mut self, value: Arc<T>) {
        self.0.insert(TypeId::of::<T>(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_kept_by_type_and_cleared_together() {
        let caches = Caches::default();
        caches.lock().put(Arc::new(7_u32));
        caches.lock().put(Arc::new(String::from("index")));
        assert_eq!(caches.lock().get::<u32>().as_deref(), Some(&7));
        assert_eq!(
            caches.lock().get::<String>().as_deref().map(String::as_str),
            Some("index")
        );
        assert!(caches.lock().get::<i64>().is_none());
        caches.lock().put(Arc::new(8_u32));
        assert_eq!(caches.lock().get::<u32>().as_deref(), Some(&8));
        caches.clear();
        assert!(caches.lock().get::<u32>().is_none());
        assert!(caches.lock().get::<String>().is_none());
    }
}
