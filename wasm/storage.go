//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"
)

// The memory is kept in IndexedDB (database "sparsey", object store
// "memory", key = the scene): it is several megabytes, too large for
// localStorage.
const (
	idbName  = "sparsey"
	idbStore = "memory"
)

// boot restores the stored memory, if any, then starts training.
func (a *app) boot() {
	key := a.par.storageKey()
	b, err := readStored(key)
	a.mu.Lock()
	defer a.mu.Unlock()
	defer a.publish()
	if err != nil {
		a.status = "Browser storage is not available: " + err.Error()
	} else if b != nil {
		if err := a.loadBytes(b, "storage"); err != nil {
			a.notice = fmt.Sprintf("The memory kept in this browser could not be restored (%v); starting afresh.", err)
		} else {
			a.status = fmt.Sprintf("Restored from browser storage: %d items, %d taught symbols.", len(a.mem.Items), len(a.mem.Names))
		}
	}
	a.booted = true
	a.jobStart = a.mem.NextTrain
	a.trainTarget = max(a.trainTarget, a.par.train)
	a.train.start()
}

// saveToStorage writes the memory to IndexedDB in the background.
func (a *app) saveToStorage() {
	b, err := a.encode()
	if err != nil {
		a.notice = err.Error()
		return
	}
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	key := a.par.storageKey()
	go func() {
		err := idb(func(st js.Value) js.Value { return st.Call("put", u8, key) }, "readwrite")
		a.mu.Lock()
		defer a.mu.Unlock()
		if err != nil {
			a.status = "Could not keep the memory in browser storage: " + err.Error()
		} else {
			a.saved++
		}
	}()
}

func readStored(key string) ([]byte, error) {
	var out []byte
	err := idbGet(key, &out)
	return out, err
}

// forgetStored deletes the scene's copy in browser storage in the
// background; state().forgotten counts the deletions completed, so a script
// (or test) can wait for one before reloading.
func (a *app) forgetStored() {
	key := a.par.storageKey()
	go func() {
		err := idb(func(st js.Value) js.Value { return st.Call("delete", key) }, "readwrite")
		a.mu.Lock()
		defer a.mu.Unlock()
		if err != nil {
			a.notice = "Could not delete the copy in browser storage: " + err.Error()
			return
		}
		a.forgotten++
	}()
}

func idbGet(key string, out *[]byte) error {
	var res js.Value
	err := idb(func(st js.Value) js.Value {
		r := st.Call("get", key)
		res = r
		return r
	}, "readonly")
	if err != nil {
		return err
	}
	v := res.Get("result")
	if !v.Truthy() {
		return nil
	}
	u8 := js.Global().Get("Uint8Array").New(v)
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	*out = b
	return nil
}

// idb opens the database and runs one request on the object store,
// waiting for the transaction to complete. Call it from a goroutine.
func idb(req func(store js.Value) js.Value, mode string) error {
	factory := js.Global().Get("indexedDB")
	if !factory.Truthy() {
		return fmt.Errorf("no IndexedDB")
	}
	open := factory.Call("open", idbName, 1)
	upgrade := js.FuncOf(func(js.Value, []js.Value) any {
		db := open.Get("result")
		if !db.Get("objectStoreNames").Call("contains", idbStore).Bool() {
			db.Call("createObjectStore", idbStore)
		}
		return nil
	})
	defer upgrade.Release()
	open.Set("onupgradeneeded", upgrade)
	if _, err := await(requestPromise(open)); err != nil {
		return fmt.Errorf("opening IndexedDB: %w", err)
	}
	db := open.Get("result")
	defer db.Call("close")
	tx := db.Call("transaction", idbStore, mode)
	var handlers []js.Func
	defer func() {
		for _, h := range handlers {
			h.Release()
		}
	}()
	handler := func(f func()) js.Func {
		h := js.FuncOf(func(js.Value, []js.Value) any { f(); return nil })
		handlers = append(handlers, h)
		return h
	}
	var resolve, reject js.Value
	exec := js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	done := js.Global().Get("Promise").New(exec)
	exec.Release()
	tx.Set("oncomplete", handler(func() { resolve.Invoke() }))
	tx.Set("onerror", handler(func() { reject.Invoke(tx.Get("error")) }))
	tx.Set("onabort", handler(func() { reject.Invoke("transaction aborted") }))
	r := req(tx.Call("objectStore", idbStore))
	if _, err := await(requestPromise(r)); err != nil {
		return err
	}
	_, err := await(done)
	return err
}

// requestPromise wraps an IDBRequest in a Promise.
func requestPromise(r js.Value) js.Value {
	var f js.Func
	f = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		r.Set("onsuccess", js.FuncOf(func(js.Value, []js.Value) any {
			resolve.Invoke(r.Get("result"))
			return nil
		}))
		r.Set("onerror", js.FuncOf(func(js.Value, []js.Value) any {
			reject.Invoke(r.Get("error"))
			return nil
		}))
		f.Release()
		return nil
	})
	return js.Global().Get("Promise").New(f)
}
