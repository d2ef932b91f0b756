//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"slices"
	"syscall/js"
)

// The memory is kept in IndexedDB (database "sparsey", object store
// "memory", key = the scene): it is several megabytes, too large for
// localStorage.
const (
	idbName  = "sparsey"
	idbStore = "memory"
)

// boot reads the stored memory, if any; without one it waits for the
// learned memory the site serves (which the loader started fetching at
// once), and hands them to the App, which then starts training.
func (p *page) boot() {
	defer func() {
		if r := recover(); r != nil {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.c.Boot(nil, fmt.Errorf("internal error: %v", r))
			p.publish()
		}
	}()
	p.mu.Lock()
	p.c.SetLoading("Reading the memory kept in this browser…", 0)
	p.mark("asked")
	p.mu.Unlock()
	b, err := p.readStored()
	p.mu.Lock()
	p.mark("stored")
	p.mu.Unlock()
	if b == nil {
		served, serr := p.awaitServed()
		p.mu.Lock()
		if served != nil || serr != nil {
			p.c.Serve(served, serr)
		}
		p.mark("handed")
		p.mu.Unlock()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.publish()
	p.c.Boot(b, err) // Boot survives a stored memory it cannot restore
	p.mark("booted")
}

// saveToStorage writes the memory to IndexedDB in the background.
func (p *page) saveToStorage() {
	b, err := p.c.Save()
	if err != nil {
		p.c.SetNotice(err.Error())
		return
	}
	u8 := toJS(b)
	go p.recovering("keeping the memory in browser storage", func() {
		err := idb("readwrite", func(st js.Value) js.Value { return st.Call("put", u8, p.key) }, nil)
		p.mu.Lock()
		defer p.mu.Unlock()
		if err != nil {
			p.c.SetStatus("Could not keep the memory in browser storage: " + err.Error())
		} else {
			p.saved++
		}
	})
}

// readStored returns the scene's stored memory (nil if none). Call it
// from a goroutine.
func (p *page) readStored() ([]byte, error) {
	if keys, ok := storedKeys(); ok && !slices.Contains(keys, p.key) {
		return nil, nil // nothing kept for this scene: no need to wait for a read
	}
	var out []byte
	err := idb("readonly", func(st js.Value) js.Value { return st.Call("get", p.key) }, func(res js.Value) {
		if res.Truthy() {
			out = fromJS(res)
		}
	})
	return out, err
}

// storedKeys returns the keys of the memories kept in browser storage, as
// the loader listed them while the program downloaded (window.sparsey.keys,
// a promise), and whether it could. Call it from a goroutine.
func storedKeys() ([]string, bool) {
	sp := js.Global().Get("sparsey")
	v := sp.Get("keysList") // already listed: no need to wait for the event loop
	if !v.InstanceOf(js.Global().Get("Array")) {
		pr := sp.Get("keys")
		if pr.Type() != js.TypeObject || pr.Get("then").Type() != js.TypeFunction {
			return nil, false
		}
		var err error
		if v, err = await(pr); err != nil || !v.InstanceOf(js.Global().Get("Array")) {
			return nil, false
		}
	}
	keys := make([]string, v.Length())
	for i := range keys {
		k := v.Index(i)
		if k.Type() != js.TypeString {
			return nil, false // not a key this page wrote: read as before
		}
		keys[i] = k.String()
	}
	return keys, true
}

// forgetStored deletes the scene's copy in browser storage in the
// background; state().forgotten counts the deletions completed, so a script
// (or test) can wait for one before reloading.
func (p *page) forgetStored() {
	go p.recovering("deleting the copy in browser storage", func() {
		err := idb("readwrite", func(st js.Value) js.Value { return st.Call("delete", p.key) }, nil)
		p.mu.Lock()
		defer p.mu.Unlock()
		if err != nil {
			p.c.SetNotice("Could not delete the copy in browser storage: " + err.Error())
			return
		}
		p.forgotten++
	})
}

// idb runs one request on the object store, passes its result to done (if
// not nil) and waits for the transaction to complete. Every callback it
// gives the browser is released before it returns. Call it from a
// goroutine, never from a callback.
func idb(mode string, req func(store js.Value) js.Value, done func(result js.Value)) error {
	var ev events
	defer ev.release()
	db, err := openDB(&ev)
	if err != nil {
		return err
	}
	tx := db.Call("transaction", idbStore, mode)
	complete := ev.outcome(tx, "oncomplete", "onerror", func() js.Value { return tx.Get("error") })
	aborted := ev.outcome(tx, "", "onabort", func() js.Value { return js.ValueOf("transaction aborted") })
	r := req(tx.Call("objectStore", idbStore))
	requested := ev.outcome(r, "onsuccess", "onerror", func() js.Value { return r.Get("error") })
	select {
	case err := <-requested:
		if err != nil {
			return err
		}
	case err := <-aborted:
		return err
	}
	if done != nil {
		done(r.Get("result"))
	}
	select {
	case err := <-complete:
		return err
	case err := <-aborted:
		return err
	}
}

// openDB returns the database: the connection the loader opened while the
// program downloaded (window.sparsey.db, a promise; it stays open for the
// page's life, and the loader drops it when another tab upgrades the
// database), else a connection opened here, closed when ev is released.
func openDB(ev *events) (js.Value, error) {
	if pr := js.Global().Get("sparsey").Get("db"); pr.Type() == js.TypeObject && pr.Get("then").Type() == js.TypeFunction {
		if db, err := await(pr); err == nil && db.Type() == js.TypeObject && js.Global().Get("sparsey").Get("db").Truthy() {
			return db, nil
		}
	}
	factory := js.Global().Get("indexedDB")
	if !factory.Truthy() {
		return js.Undefined(), errors.New("no IndexedDB")
	}
	open := factory.Call("open", idbName, 1)
	ev.handle(open, "onupgradeneeded", func() {
		db := open.Get("result")
		if !db.Get("objectStoreNames").Call("contains", idbStore).Bool() {
			db.Call("createObjectStore", idbStore)
		}
	})
	opened := ev.outcome(open, "onsuccess", "onerror", func() js.Value { return open.Get("error") })
	if err := <-opened; err != nil {
		return js.Undefined(), fmt.Errorf("opening IndexedDB: %w", err)
	}
	db := open.Get("result")
	ev.closers = append(ev.closers, db)
	return db, nil
}

// events are the callbacks given to IndexedDB objects, released together.
type events struct {
	funcs   []js.Func
	closers []js.Value // database connections to close
}

// handle sets target[name] to call f.
func (e *events) handle(target js.Value, name string, f func()) {
	h := js.FuncOf(func(js.Value, []js.Value) any { f(); return nil })
	e.funcs = append(e.funcs, h)
	target.Set(name, h)
}

// outcome returns a channel that receives nil when the ok event fires (no
// ok event when ok is ""), or the error errOf describes when the fail event
// fires.
func (e *events) outcome(target js.Value, ok, fail string, errOf func() js.Value) <-chan error {
	ch := make(chan error, 2)
	if ok != "" {
		e.handle(target, ok, func() { ch <- nil })
	}
	e.handle(target, fail, func() { ch <- errors.New(jsString(errOf())) })
	return ch
}

// release releases every callback.
func (e *events) release() {
	for _, db := range e.closers {
		db.Call("close")
	}
	for _, f := range e.funcs {
		f.Release()
	}
	e.funcs, e.closers = nil, nil
}
