//go:build js && wasm

package main

import (
	"errors"
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
	// The loader lists the keys kept while the program downloads: nothing
	// kept for this scene, no need to wait for a read.
	if sp := js.Global().Get("sparsey"); sp.Get("storedHas").Type() == js.TypeFunction {
		if has := sp.Call("storedHas", p.key); has.Type() == js.TypeBoolean && !has.Bool() {
			return nil, nil
		}
	}
	var out []byte
	err := idb("readonly", func(st js.Value) js.Value { return st.Call("get", p.key) }, func(res js.Value) {
		if res.Truthy() {
			out = fromJS(res)
		}
	})
	return out, err
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
	db, err := openDB()
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
// database).
func openDB() (js.Value, error) {
	pr := js.Global().Get("sparsey").Get("db")
	if pr.Type() != js.TypeObject || pr.Get("then").Type() != js.TypeFunction {
		return js.Undefined(), errors.New("no IndexedDB")
	}
	db, err := await(pr)
	if err != nil {
		return js.Undefined(), fmt.Errorf("opening IndexedDB: %w", err)
	}
	if db.Type() != js.TypeObject {
		return js.Undefined(), errors.New("no IndexedDB")
	}
	return db, nil
}

// events are the callbacks given to IndexedDB objects, released together.
type events struct{ funcs []js.Func }

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
	for _, f := range e.funcs {
		f.Release()
	}
	e.funcs = nil
}
