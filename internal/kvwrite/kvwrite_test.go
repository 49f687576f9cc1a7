package kvwrite

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"google.golang.org/protobuf/proto"
)

// TestPrimitiveEncodesAsProto compares the Writer's encoding of log
// entries with protobuf's, for values and quads, live and deleted, with
// ids of every size and timestamps before and after 1970.
func TestPrimitiveEncodesAsProto(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	id := func() uint64 {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return math.MaxUint64 - r.Uint64N(10)
		default:
			return r.Uint64N(1 << (r.IntN(63) + 1))
		}
	}
	ws := newWrites()
	for i := range 2000 {
		p := &cproto.Primitive{ID: id(), Timestamp: int64(r.Uint64())}
		if i%2 == 0 {
			p.Value = bytes.Repeat([]byte{byte(i)}, r.IntN(300))
		} else {
			p.Subject, p.Predicate, p.Object, p.Label, p.Replaces = id(), id(), id(), id(), id()
			p.Deleted = r.IntN(2) == 0
		}
		if i%7 == 0 {
			p.Timestamp = 0
		}
		want, err := proto.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := ws.primitive(p); !bytes.Equal(got, want) {
			t.Fatalf("%v:\n got %x\nwant %x", p, got, want)
		}
	}
}
