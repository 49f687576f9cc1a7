package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/newskg/newskg/extract/ner"
)

// GoldName is a name an annotator gave an entity of an article.
type GoldName struct {
	Text string
	Type EntityType
}

var nerLabel = map[EntityType]string{Person: "PER", Organisation: "ORG", Place: "LOC"}

// TrainingSentences reads an article as Extract does, up to the entity
// tagger, and returns its sentences with the tokens where the given names
// stand marked as mentions: the examples the tagger learns from. Longer
// names are placed first; a name is found where it starts and ends on
// token boundaries within one sentence, as written (case included).
func (x *Extractor) TrainingSentences(ctx context.Context, a Article, names []GoldName) ([]ner.Sentence, error) {
	r, rule, err := x.readForTraining(ctx, a)
	if err != nil {
		return nil, err
	}
	names = append([]GoldName(nil), names...)
	for i, n := range names { // titles are roles, not names: the rules split them off
		if n.Type == Person {
			names[i].Text = x.lx.stripTitle(n.Text)
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i].Text) > len(names[j].Text) })
	var spans []GoldSpan
	for _, n := range names {
		if n.Text == "" {
			continue
		}
		for off := 0; ; {
			k := strings.Index(a.Text[off:], n.Text)
			if k < 0 {
				break
			}
			spans = append(spans, GoldSpan{Start: off + k, End: off + k + len(n.Text), Type: n.Type})
			off += k + 1
		}
	}
	return r.trainingSentences(spans, rule), nil
}

// GoldSpan is an annotated mention: bytes [Start, End) of the article.
type GoldSpan struct {
	Start, End int
	Type       EntityType
}

// TrainingSpans is TrainingSentences for mentions given by position, as
// token-level corpora give them.
func (x *Extractor) TrainingSpans(ctx context.Context, a Article, spans []GoldSpan) ([]ner.Sentence, error) {
	r, rule, err := x.readForTraining(ctx, a)
	if err != nil {
		return nil, err
	}
	return r.trainingSentences(spans, rule), nil
}

// readForTraining reads an article up to the tagger, with the rules'
// reading of every token.
func (x *Extractor) readForTraining(ctx context.Context, a Article) (*run, []string, error) {
	r := &run{x: x, text: a.Text, doc: &Document{Article: a}}
	r.segment()
	r.findQuotes()
	r.findMentions()
	r.resolveEntities()
	return r, r.ruleLabels(), ctx.Err()
}

// trainingSentences marks the spans (in order of preference: a span that
// overlaps one placed before is dropped) on the tokens and returns the
// sentences. A span must start and end on token boundaries within one
// sentence.
func (r *run) trainingSentences(spans []GoldSpan, rule []string) []ner.Sentence {
	byStart, byEnd := map[int]int{}, map[int]int{}
	for i, t := range r.toks {
		byStart[t.Start] = i
		byEnd[t.End] = i + 1
	}
	taken := make([]bool, len(r.toks))
	type span struct {
		i, j int
		typ  string
	}
	var placed []span
	for _, sp := range spans {
		i, ok1 := byStart[sp.Start]
		j, ok2 := byEnd[sp.End]
		if !ok1 || !ok2 || j <= i || r.toks[i].Sent != r.toks[j-1].Sent || nerLabel[sp.Type] == "" {
			continue
		}
		free := true
		for t := i; t < j; t++ {
			free = free && !taken[t]
		}
		if !free {
			continue
		}
		for t := i; t < j; t++ {
			taken[t] = true
		}
		placed = append(placed, span{i, j, nerLabel[sp.Type]})
	}
	out := make([]ner.Sentence, 0, len(r.sents))
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		if a == b {
			continue
		}
		s := ner.Sentence{Tokens: r.nerTokens(si, rule)}
		for _, sp := range placed {
			if sp.i >= a && sp.j <= b {
				s.Spans = append(s.Spans, ner.Span{Start: sp.i - a, End: sp.j - a, Type: sp.typ})
			}
		}
		sort.Slice(s.Spans, func(i, j int) bool { return s.Spans[i].Start < s.Spans[j].Start })
		out = append(out, s)
	}
	return out
}

// HandMadeTriggers returns the trigger forms of the hand-made event
// lexicon, which a learnt table may retract.
func (x *Extractor) HandMadeTriggers() []string {
	return append([]string(nil), x.lx.handTriggers...)
}
