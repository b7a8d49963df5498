package filetree

import "sync"

// Queue writes a Tree's files on one goroutine of its own, in the order they are put.
// Creating a file is, on some systems, far dearer than rendering one (a new inode costs
// 0.4–0.8 ms of kernel time on this project's build machine, where two threads creating
// files at once spin on the same lock and take twice the CPU for no gain): the
// producers hand their files over and go on working while the queue writes them one at
// a time.
type Queue struct {
	t     *Tree
	files chan queued
	done  chan struct{}

	mu  sync.Mutex
	err error // the first failed write; later puts return it and write nothing
}

type queued struct {
	path string
	data []byte
}

// Queue starts a writer for t that holds up to n files not yet written; Put blocks
// while it is full, which bounds the memory the files waiting take.
func (t *Tree) Queue(n int) *Queue {
	q := &Queue{t: t, files: make(chan queued, n), done: make(chan struct{})}
	go q.write()
	return q
}

func (q *Queue) write() {
	defer close(q.done)
	for f := range q.files {
		if q.failed() != nil {
			continue // drain: the producers must not block on a dead writer
		}
		if err := q.t.Put(f.path, f.data); err != nil {
			q.mu.Lock()
			q.err = err
			q.mu.Unlock()
		}
	}
}

func (q *Queue) failed() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// Put queues data to be written at the slash path p; the caller must not change data
// afterwards. A write that fails is reported once, by Close, and nothing put after it
// is written (a full disk fails the output once, not once a page).
func (q *Queue) Put(p string, data []byte) {
	if q.failed() != nil {
		return
	}
	q.files <- queued{p, data}
}

// Close waits until every queued file is written and returns the first failed write's
// error. Put must not be called after Close.
func (q *Queue) Close() error {
	close(q.files)
	<-q.done
	return q.failed()
}
