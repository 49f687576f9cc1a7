package graph

import (
	"context"
	"encoding/binary"
	"fmt"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	"google.golang.org/protobuf/proto"
)

// Cayley's key-value layout keeps every node and quad as a primitive in
// its log bucket, keyed by its id in big-endian order: a node holds its
// encoded value, a quad the ids of its four values. A quad's values have
// lower ids than the quad (a batch writes its new nodes first), so one
// pass over the log, in key order, meets each value before the quads
// that use it. Cayley's all-quads iterator instead reads each quad's
// primitive and its four values' primitives by id, five random lookups
// per quad.

// logValueCache bounds the values quadsFromLog keeps (about 100 bytes
// each); a value evicted from it is read from the log again by id.
const logValueCache = 1 << 20

var logBucket = hkv.Key{[]byte("log")}

// quadsFromLog calls fn with every live quad of the key-value store db,
// in the order they were written, in one read transaction, keeping at
// most maxValues values in memory.
func quadsFromLog(ctx context.Context, db hkv.KV, maxValues int, fn func(quad.Quad) error) error {
	return db.View(ctx, func(tx hkv.Tx) error {
		values := make(map[uint64]quad.Value)
		value := func(id uint64) (quad.Value, error) {
			if id == 0 {
				return nil, nil
			}
			if v, ok := values[id]; ok {
				return v, nil
			}
			b, err := tx.Get(ctx, logBucket.AppendBytes(logKey(id)))
			if err != nil {
				return nil, fmt.Errorf("value %d: %w", id, err)
			}
			var p cproto.Primitive
			if err := proto.Unmarshal(b, &p); err != nil || !p.IsNode() {
				return nil, fmt.Errorf("value %d: not a node primitive", id)
			}
			return pquads.UnmarshalValue(p.Value)
		}
		it := tx.Scan(ctx, options.WithPrefixKV(logBucket))
		defer it.Close()
		var p cproto.Primitive
		for n := 0; it.Next(ctx); n++ {
			if n%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if err := proto.Unmarshal(it.Val(), &p); err != nil {
				return fmt.Errorf("log entry %x: %w", it.Key(), err)
			}
			if p.IsNode() {
				v, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					return fmt.Errorf("value %d: %w", p.ID, err)
				}
				if len(values) >= maxValues {
					for id := range values { // evict one, any
						delete(values, id)
						break
					}
				}
				values[p.ID] = v
				continue
			}
			if p.Deleted {
				continue
			}
			var q quad.Quad
			for _, d := range quad.Directions {
				v, err := value(p.GetDirection(d))
				if err != nil {
					return fmt.Errorf("quad %d: %w", p.ID, err)
				}
				q.Set(d, v)
			}
			if err := fn(q); err != nil {
				return err
			}
		}
		return it.Err()
	})
}

// logKey is the log key of id (Cayley's uint64KeyBytes).
func logKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }
