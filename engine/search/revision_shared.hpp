// RevisionShared<T>: immutable data derived from one database revision
// (the "did you mean" index, facet and collapse-key columns), built once per
// process and shared by every Searcher that asks for it while any holds it.
//
// A key names one immutable state of one database: revision_key() gives
// "<UUID>@<revision>", and callers append what else the data depends on.
// The registry holds weak pointers, so data lives exactly as long as some
// Searcher holds it (a reopened Searcher drops the old revision's); slots
// nobody holds are pruned on the next build. Two threads needing the same
// key at once wait for one build (a mutex per key); the registry's own mutex
// guards the map and every slot's pointer, and is never held during a build.
//
// Thread-safety: all members are thread-safe; T must be safe to read from
// several threads at once (immutable).
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace archivar::search {

// "<UUID>@<revision>" of `db`; "" when it has no UUID, several
// sub-databases, or is a WritableDatabase (whose uncommitted changes the
// revision does not name): nothing to share under one name.
[[nodiscard]] std::string revision_key(const Xapian::Database& db);

template <class T>
class RevisionShared {
 public:
  // The data of `key` if some holder keeps it; null otherwise.
  std::shared_ptr<const T> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = slots_.find(key);
    return found == slots_.end() ? nullptr : found->second->data.lock();
  }

  // The data of `key`, made by `build()` (returning std::shared_ptr<const
  // T>; null results are returned but not shared) if nobody holds it.
  // Exceptions from build() propagate; nothing is stored then.
  template <class Build>
  std::shared_ptr<const T> get(const std::string& key, Build&& build) {
    std::shared_ptr<Slot> slot;
    {
      const std::lock_guard lock(mutex_);
      std::erase_if(slots_, [](const auto& entry) {
        return entry.second->data.expired() && entry.second.use_count() == 1;
      });
      std::shared_ptr<Slot>& entry = slots_[key];
      if (!entry) entry = std::make_shared<Slot>();
      if (std::shared_ptr<const T> data = entry->data.lock()) return data;
      slot = entry;
    }
    const std::lock_guard building(slot->build);
    {
      const std::lock_guard lock(mutex_);
      if (std::shared_ptr<const T> data = slot->data.lock()) return data;  // built meanwhile
    }
    std::shared_ptr<const T> data = build();
    const std::lock_guard lock(mutex_);
    slot->data = data;
    return data;
  }

 private:
  struct Slot {
    std::mutex build;             // held during the build of this key
    std::weak_ptr<const T> data;  // read and written under mutex_ only
  };
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Slot>> slots_;
};

}  // namespace archivar::search
