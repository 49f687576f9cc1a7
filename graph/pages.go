package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// bolt's page layout (boltdb/bolt and go.etcd.io/bbolt): a 16-byte header
// (id, flags, element count, overflow pages), then the elements.
const (
	boltBranchPage   = 0x01
	boltLeafPage     = 0x02
	boltFreelistPage = 0x10
	boltBucketLeaf   = 0x01 // a leaf element whose value is a bucket
	boltElementSize  = 16   // branch and leaf elements alike
	boltBucketHeader = 16   // a bucket value: root page id, sequence
	noFreelist       = ^uint64(0)
)

// verifyBoltPages walks every page a store file's newest meta reaches (the
// B-tree of buckets, their nested buckets and the freelist) and checks
// what bolt trusts when it reads them: page ids within the file, page
// kinds, element counts and key and value offsets within their page, no
// page reached twice, and no page both in use and listed as free. Bolt itself panics, in goroutines no recover
// reaches, on a page that fails these checks; this walk reads the file
// with bounds checks only, so a damaged page is an error naming it.
//
// The walk holds a shared lock on the file, waiting up to timeout for a
// writer to finish (ErrLocked after that), so that it never reads pages a
// writer is changing. A missing file is no damage.
func verifyBoltPages(path string, timeout time.Duration) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lockShared(f, timeout); err != nil {
		return err
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return nil
	}
	meta, err := newestMeta(f)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
	}
	v := &pageWalk{f: f, meta: meta, seen: make(map[uint64]bool), size: fi.Size()}
	if meta.freelist != noFreelist { // bbolt with NoFreelistSync keeps none
		if err := v.freelist(meta.freelist); err != nil {
			return fmt.Errorf("%w: %s: %v (restore it from a backup or build the store again)", ErrDamaged, path, err)
		}
	}
	if err := v.tree(meta.root, 0); err != nil {
		return fmt.Errorf("%w: %s: %v (restore it from a backup or build the store again)", ErrDamaged, path, err)
	}
	return nil
}

// newestMeta is the valid meta record with the higher transaction id.
func newestMeta(f io.ReaderAt) (boltMeta, error) {
	m0, err0 := readBoltMeta(f, 0)
	ps := int64(os.Getpagesize())
	if err0 == nil {
		ps = int64(m0.pageSize)
	}
	m1, err1 := readBoltMeta(f, ps)
	switch {
	case err0 != nil && err1 != nil:
		return boltMeta{}, fmt.Errorf("neither meta page is whole (%v)", err0)
	case err0 != nil:
		return m1, nil
	case err1 != nil || m0.txid >= m1.txid:
		return m0, nil
	}
	return m1, nil
}

type pageWalk struct {
	f    io.ReaderAt
	meta boltMeta
	size int64
	seen map[uint64]bool // pages the walk reached
	free map[uint64]bool // pages the freelist lists
}

// page reads page id with its overflow pages.
func (v *pageWalk) page(id uint64) ([]byte, error) {
	if id < 2 || id >= v.meta.pgid {
		return nil, fmt.Errorf("page %d is outside the %d pages in use", id, v.meta.pgid)
	}
	if v.seen[id] {
		return nil, fmt.Errorf("page %d is reached twice", id)
	}
	if v.free[id] {
		return nil, fmt.Errorf("page %d is in use and listed as free", id)
	}
	v.seen[id] = true
	ps := int64(v.meta.pageSize)
	head := make([]byte, boltPageHeader)
	if _, err := v.f.ReadAt(head, int64(id)*ps); err != nil {
		return nil, fmt.Errorf("page %d: %v", id, err)
	}
	le := binary.LittleEndian
	if got := le.Uint64(head); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	overflow := uint64(le.Uint32(head[12:]))
	if id+overflow >= v.meta.pgid || int64(id+overflow+1)*ps > v.size {
		return nil, fmt.Errorf("page %d runs %d pages past the end", id, overflow)
	}
	for o := uint64(1); o <= overflow; o++ {
		v.seen[id+o] = true
	}
	p := make([]byte, int64(overflow+1)*ps)
	if _, err := v.f.ReadAt(p, int64(id)*ps); err != nil {
		return nil, fmt.Errorf("page %d: %v", id, err)
	}
	return p, nil
}

// tree checks the B-tree whose root is page id; depth bounds a cycle
// that page ids alone would not catch in an inline bucket.
func (v *pageWalk) tree(id uint64, depth int) error {
	if depth > 64 {
		return fmt.Errorf("page %d: the tree is more than 64 levels deep", id)
	}
	p, err := v.page(id)
	if err != nil {
		return err
	}
	return v.nodes(id, p, depth)
}

// nodes checks the branch or leaf page p (id 0: a bucket inline in its
// parent's value).
func (v *pageWalk) nodes(id uint64, p []byte, depth int) error {
	le := binary.LittleEndian
	if len(p) < boltPageHeader {
		return fmt.Errorf("page %d is shorter than its header", id)
	}
	flags, count := le.Uint16(p[8:]), int(le.Uint16(p[10:]))
	if boltPageHeader+count*boltElementSize > len(p) {
		return fmt.Errorf("page %d: %d elements do not fit", id, count)
	}
	for i := range count {
		at := boltPageHeader + i*boltElementSize
		e := p[at : at+boltElementSize]
		switch flags {
		case boltBranchPage:
			pos, ksize, child := int(le.Uint32(e)), int(le.Uint32(e[4:])), le.Uint64(e[8:])
			if at+pos+ksize > len(p) || pos < 0 {
				return fmt.Errorf("page %d: key %d lies outside the page", id, i)
			}
			if err := v.tree(child, depth+1); err != nil {
				return err
			}
		case boltLeafPage:
			eflags, pos, ksize, vsize := le.Uint32(e), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
			if pos < 0 || ksize < 0 || vsize < 0 || at+pos+ksize+vsize > len(p) {
				return fmt.Errorf("page %d: element %d lies outside the page", id, i)
			}
			if eflags&boltBucketLeaf == 0 {
				continue
			}
			val := p[at+pos+ksize : at+pos+ksize+vsize]
			if len(val) < boltBucketHeader {
				return fmt.Errorf("page %d: bucket %d has no header", id, i)
			}
			if root := le.Uint64(val); root != 0 {
				if err := v.tree(root, depth+1); err != nil {
					return err
				}
			} else if err := v.nodes(0, val[boltBucketHeader:], depth+1); err != nil {
				return err
			}
		default:
			return fmt.Errorf("page %d has kind %#x, not a branch or leaf", id, flags)
		}
	}
	return nil
}

// freelist checks the freelist page: its kind and the ids it lists.
func (v *pageWalk) freelist(id uint64) error {
	p, err := v.page(id)
	if err != nil {
		return fmt.Errorf("freelist: %w", err)
	}
	le := binary.LittleEndian
	if flags := le.Uint16(p[8:]); flags != boltFreelistPage {
		return fmt.Errorf("freelist page %d has kind %#x", id, flags)
	}
	count, ids := int(le.Uint16(p[10:])), p[boltPageHeader:]
	if count == 0xFFFF { // the real count is the first element
		if len(ids) < 8 {
			return fmt.Errorf("freelist page %d is cut short", id)
		}
		count, ids = int(le.Uint64(ids)), ids[8:]
	}
	if count < 0 || count > len(ids)/8 {
		return fmt.Errorf("freelist page %d: %d ids do not fit", id, count)
	}
	v.free = make(map[uint64]bool, count)
	for i := range count {
		free := le.Uint64(ids[8*i:])
		if free < 2 || free >= v.meta.pgid {
			return fmt.Errorf("freelist page %d lists page %d, outside the file", id, free)
		}
		v.free[free] = true
	}
	return nil
}
