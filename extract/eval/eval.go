// Package eval scores extraction against articles annotated by hand, in the
// gold format of the newskg annotation guide (NAME.txt beside
// NAME.gold.json).
//
// Scoring follows the guide:
//
//   - Entities: a system entity matches a gold entity of the same type when
//     its name or one of its aliases equals the gold name or one of its
//     aliases, compared case-insensitively with white space folded and a
//     leading "the" dropped. Matching is one to one.
//   - Claims: a system claim matches a gold claim when its speaker matched
//     the gold speaker and the token F1 of the two texts (lower-cased words,
//     punctuation dropped) is at least 0.5. Claims are also scored ignoring
//     the speaker (detection), and mode and polarity accuracy are reported
//     on matched pairs.
//   - Events: a system event matches a gold event of the same type when at
//     least one of its participants or its place matched one of the gold
//     event's, or, where the gold event has neither, when the triggers are
//     equal. Date and place accuracy are reported on matched pairs whose gold
//     event gives a date (a place).
//
// Optional gold items never count against a system: matched, both sides
// are dropped; unmatched, they are not a miss. Precision, recall and F1 are
// micro-averaged over all articles.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/newskg/newskg/extract"
)

// Gold is a hand annotation of one article.
type Gold struct {
	Entities []GoldEntity `json:"entities"`
	Claims   []GoldClaim  `json:"claims"`
	Events   []GoldEvent  `json:"events"`
}

// GoldEntity is an annotated entity.
type GoldEntity struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Roles    []string `json:"roles"`
	Optional bool     `json:"optional"`
}

// GoldClaim is an annotated claim.
type GoldClaim struct {
	Speaker  string `json:"speaker"`
	Cue      string `json:"cue"`
	Mode     string `json:"mode"`
	Polarity string `json:"polarity"`
	Text     string `json:"text"`
	Optional bool   `json:"optional"`
}

// GoldEvent is an annotated event.
type GoldEvent struct {
	Type         string   `json:"type"`
	Trigger      string   `json:"trigger"`
	Participants []string `json:"participants"`
	Place        string   `json:"place"`
	Date         string   `json:"date"`
	Optional     bool     `json:"optional"`
}

// ReadGold reads and checks a gold file: entity ids are unique, and claims
// and events only name entities the file defines.
func ReadGold(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Gold
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ids := map[string]bool{}
	for i, e := range g.Entities {
		if e.ID == "" || e.Name == "" {
			return nil, fmt.Errorf("%s: entity %d: id and name are required", path, i+1)
		}
		if ids[e.ID] {
			return nil, fmt.Errorf("%s: entity id %q twice", path, e.ID)
		}
		switch e.Type {
		case "Person", "Organisation", "Place":
		default:
			return nil, fmt.Errorf("%s: entity %q: type %q is not Person, Organisation or Place", path, e.ID, e.Type)
		}
		ids[e.ID] = true
	}
	for i, c := range g.Claims {
		if !ids[c.Speaker] {
			return nil, fmt.Errorf("%s: claim %d: speaker %q is not an entity id", path, i+1, c.Speaker)
		}
	}
	for i, e := range g.Events {
		for _, p := range append(append([]string{}, e.Participants...), e.Place) {
			if p != "" && !ids[p] {
				return nil, fmt.Errorf("%s: event %d: %q is not an entity id", path, i+1, p)
			}
		}
	}
	return &g, nil
}

// Counts are the outcome of matching one kind of item.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP / (TP + FP), 0 when nothing was found.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Accuracy counts correct answers among those judged.
type Accuracy struct {
	Correct, Total int
}

// Value is Correct / Total, 0 when nothing was judged.
func (a Accuracy) Value() float64 { return ratio(a.Correct, a.Total) }

func (a *Accuracy) add(o Accuracy) { a.Correct += o.Correct; a.Total += o.Total }

func (a *Accuracy) judge(ok bool) {
	a.Total++
	if ok {
		a.Correct++
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are the figures of one article or of a whole set.
type Scores struct {
	Entities     Counts
	Claims       Counts
	ClaimsDetect Counts // claims matched ignoring the speaker
	Events       Counts
	Mode         Accuracy
	Polarity     Accuracy
	EventDate    Accuracy
	EventPlace   Accuracy
	// ByType breaks the counts down by "entities/TYPE", "claims/MODE" and
	// "events/TYPE": a true positive and a miss count under the gold
	// item's type, a false positive under the system's.
	ByType map[string]Counts
}

// tally adds one outcome to the breakdown under kind/typ.
func (s *Scores) tally(kind, typ string, tp, fp, fn int) {
	if s.ByType == nil {
		s.ByType = map[string]Counts{}
	}
	c := s.ByType[kind+"/"+typ]
	c.add(Counts{TP: tp, FP: fp, FN: fn})
	s.ByType[kind+"/"+typ] = c
}

func (s *Scores) add(o Scores) {
	for k, c := range o.ByType {
		kind, typ, _ := strings.Cut(k, "/")
		s.tally(kind, typ, c.TP, c.FP, c.FN)
	}
	s.Entities.add(o.Entities)
	s.Claims.add(o.Claims)
	s.ClaimsDetect.add(o.ClaimsDetect)
	s.Events.add(o.Events)
	s.Mode.add(o.Mode)
	s.Polarity.add(o.Polarity)
	s.EventDate.add(o.EventDate)
	s.EventPlace.add(o.EventPlace)
}

// Article is the scoring of one article, with what went wrong.
type Article struct {
	Name   string
	Scores Scores
	// Misses are gold items the system did not find; FalsePositives are
	// system items that match nothing; Wrong are matched items with a
	// wrong attribute. Each is a line a person can read.
	Misses, FalsePositives, Wrong []string
}

// Report is the scoring of a set of articles.
type Report struct {
	Articles []Article
	Total    Scores
}

// Add scores one article and adds it to the report.
func (r *Report) Add(name string, doc *extract.Document, gold *Gold) {
	a := Score(name, doc, gold)
	r.Articles = append(r.Articles, a)
	r.Total.add(a.Scores)
}

// norm folds a name for comparison: lower case, white space folded, a
// leading "the" dropped.
func norm(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimPrefix(s, "the ")
}

// Score scores one article.
func Score(name string, doc *extract.Document, gold *Gold) Article {
	art := Article{Name: name}
	sys2gold := matchEntities(doc, gold, &art)
	goldIdx := map[string]int{}
	for i, e := range gold.Entities {
		goldIdx[e.ID] = i
	}
	matchClaims(doc, gold, sys2gold, goldIdx, &art)
	matchEvents(doc, gold, sys2gold, goldIdx, &art)
	return art
}

// matchEntities pairs system and gold entities one to one (a maximum
// matching, required gold entities first) and returns, for each system
// entity, the index of its gold entity or -1.
func matchEntities(doc *extract.Document, gold *Gold, art *Article) []int {
	names := func(e extract.Entity) map[string]bool {
		m := map[string]bool{norm(e.Name): true}
		for _, a := range e.Aliases {
			m[norm(a)] = true
		}
		return m
	}
	compatible := func(si, gi int) bool {
		se, ge := doc.Entities[si], gold.Entities[gi]
		if string(se.Type) != ge.Type {
			return false
		}
		sn := names(se)
		if sn[norm(ge.Name)] {
			return true
		}
		for _, a := range ge.Aliases {
			if sn[norm(a)] {
				return true
			}
		}
		return false
	}
	sys2gold := make([]int, len(doc.Entities))
	gold2sys := make([]int, len(gold.Entities))
	for i := range sys2gold {
		sys2gold[i] = -1
	}
	for i := range gold2sys {
		gold2sys[i] = -1
	}
	// augmenting paths (Kuhn's algorithm): required gold first, then optional
	for _, optional := range []bool{false, true} {
		for gi := range gold.Entities {
			if gold.Entities[gi].Optional != optional {
				continue
			}
			seen := make([]bool, len(doc.Entities))
			var try func(gi int) bool
			try = func(gi int) bool {
				for si := range doc.Entities {
					if seen[si] || !compatible(si, gi) {
						continue
					}
					seen[si] = true
					if sys2gold[si] < 0 || (gold.Entities[sys2gold[si]].Optional == optional && try(sys2gold[si])) {
						sys2gold[si], gold2sys[gi] = gi, si
						return true
					}
				}
				return false
			}
			try(gi)
		}
	}
	for gi, g := range gold.Entities {
		switch {
		case gold2sys[gi] >= 0 && !g.Optional:
			art.Scores.Entities.TP++
			art.Scores.tally("entities", g.Type, 1, 0, 0)
		case gold2sys[gi] < 0 && !g.Optional:
			art.Scores.Entities.FN++
			art.Scores.tally("entities", g.Type, 0, 0, 1)
			art.Misses = append(art.Misses, fmt.Sprintf("entity %s %q", g.Type, g.Name))
		}
	}
	for si, e := range doc.Entities {
		if sys2gold[si] < 0 {
			art.Scores.Entities.FP++
			art.Scores.tally("entities", string(e.Type), 0, 1, 0)
			art.FalsePositives = append(art.FalsePositives, fmt.Sprintf("entity %s %q", e.Type, e.Name))
		}
	}
	return sys2gold
}

// words splits a text into lower-cased words, punctuation dropped.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// TokenF1 is the F1 of the word multisets of two texts.
func TokenF1(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(wb)), float64(common)/float64(len(wa))
	return 2 * p * r / (p + r)
}

type pair struct {
	s, g int
	w    float64
}

// greedy pairs items one to one by descending weight.
func greedy(cands []pair, ns, ng int) (s2g, g2s []int) {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].w > cands[j].w })
	s2g, g2s = make([]int, ns), make([]int, ng)
	for i := range s2g {
		s2g[i] = -1
	}
	for i := range g2s {
		g2s[i] = -1
	}
	for _, c := range cands {
		if s2g[c.s] < 0 && g2s[c.g] < 0 {
			s2g[c.s], g2s[c.g] = c.g, c.s
		}
	}
	return s2g, g2s
}

func short(s string) string {
	if r := []rune(s); len(r) > 70 {
		return string(r[:67]) + "..."
	}
	return s
}

func matchClaims(doc *extract.Document, gold *Gold, sys2gold []int, goldIdx map[string]int, art *Article) {
	var withSpeaker, detect []pair
	for si, c := range doc.Claims {
		for gi, g := range gold.Claims {
			f := TokenF1(c.Text, g.Text)
			if f < 0.5 {
				continue
			}
			// required gold claims win over optional ones of equal overlap
			w := f
			if !g.Optional {
				w += 1
			}
			detect = append(detect, pair{si, gi, w})
			if c.Speaker >= 0 && sys2gold[c.Speaker] == goldIdx[g.Speaker] {
				withSpeaker = append(withSpeaker, pair{si, gi, w})
			}
		}
	}
	count := func(s2g, g2s []int, counts *Counts, report bool) {
		for gi, g := range gold.Claims {
			if g.Optional {
				continue
			}
			if g2s[gi] >= 0 {
				counts.TP++
				if report {
					art.Scores.tally("claims", g.Mode, 1, 0, 0)
				}
			} else {
				counts.FN++
				if report {
					art.Scores.tally("claims", g.Mode, 0, 0, 1)
					art.Misses = append(art.Misses, fmt.Sprintf("claim by %s (%s): %q", g.Speaker, g.Cue, short(g.Text)))
				}
			}
		}
		for si, c := range doc.Claims {
			if s2g[si] < 0 {
				counts.FP++
				if report {
					art.Scores.tally("claims", string(c.Mode), 0, 1, 0)
					art.FalsePositives = append(art.FalsePositives, fmt.Sprintf("claim by %s (%s): %q", speakerName(doc, c.Speaker), c.Cue.Text, short(c.Text)))
				}
			}
		}
	}
	s2g, g2s := greedy(withSpeaker, len(doc.Claims), len(gold.Claims))
	count(s2g, g2s, &art.Scores.Claims, true)
	for si, gi := range s2g {
		if gi < 0 || gold.Claims[gi].Optional {
			continue
		}
		c, g := doc.Claims[si], gold.Claims[gi]
		art.Scores.Mode.judge(string(c.Mode) == g.Mode)
		art.Scores.Polarity.judge(string(c.Polarity) == g.Polarity)
		if string(c.Mode) != g.Mode || string(c.Polarity) != g.Polarity {
			art.Wrong = append(art.Wrong, fmt.Sprintf("claim %q: %s/%s, gold %s/%s", short(c.Text), c.Mode, c.Polarity, g.Mode, g.Polarity))
		}
	}
	ds2g, dg2s := greedy(detect, len(doc.Claims), len(gold.Claims))
	count(ds2g, dg2s, &art.Scores.ClaimsDetect, false)
	// a claim found with the wrong speaker is worth telling apart
	for si, gi := range ds2g {
		if gi >= 0 && s2g[si] < 0 {
			art.Wrong = append(art.Wrong, fmt.Sprintf("claim %q: speaker %s, gold %s", short(doc.Claims[si].Text), speakerName(doc, doc.Claims[si].Speaker), gold.Claims[gi].Speaker))
		}
	}
}

func speakerName(doc *extract.Document, i int) string {
	if i < 0 {
		return "(none)"
	}
	return doc.Entities[i].Name
}

func matchEvents(doc *extract.Document, gold *Gold, sys2gold []int, goldIdx map[string]int, art *Article) {
	var cands []pair
	for si, e := range doc.Events {
		args := map[int]bool{}
		for _, p := range e.Participants {
			if gi := sys2gold[p]; gi >= 0 {
				args[gi] = true
			}
		}
		if e.Place >= 0 && sys2gold[e.Place] >= 0 {
			args[sys2gold[e.Place]] = true
		}
		for gi, g := range gold.Events {
			if g.Type != e.Type {
				continue
			}
			shared := 0
			for _, p := range append(append([]string{}, g.Participants...), g.Place) {
				if p != "" && args[goldIdx[p]] {
					shared++
				}
			}
			if len(g.Participants) == 0 && g.Place == "" {
				if strings.EqualFold(g.Trigger, e.Text) {
					shared = 1
				}
			}
			if shared == 0 {
				continue
			}
			w := float64(shared)
			if !g.Optional {
				w += 100
			}
			if g.Date != "" && g.Date == e.Date.String() {
				w += 0.5
			}
			cands = append(cands, pair{si, gi, w})
		}
	}
	s2g, g2s := greedy(cands, len(doc.Events), len(gold.Events))
	for gi, g := range gold.Events {
		if g.Optional {
			continue
		}
		if g2s[gi] >= 0 {
			art.Scores.Events.TP++
			art.Scores.tally("events", g.Type, 1, 0, 0)
			e := doc.Events[g2s[gi]]
			if g.Date != "" {
				art.Scores.EventDate.judge(e.Date.String() == g.Date)
				if e.Date.String() != g.Date {
					art.Wrong = append(art.Wrong, fmt.Sprintf("event %s %q: date %q, gold %q", e.Type, e.Text, e.Date.String(), g.Date))
				}
			}
			if g.Place != "" {
				ok := e.Place >= 0 && sys2gold[e.Place] == goldIdx[g.Place]
				art.Scores.EventPlace.judge(ok)
				if !ok {
					art.Wrong = append(art.Wrong, fmt.Sprintf("event %s %q: place %s, gold %s", e.Type, e.Text, speakerName(doc, e.Place), g.Place))
				}
			}
		} else {
			art.Scores.Events.FN++
			art.Scores.tally("events", g.Type, 0, 0, 1)
			art.Misses = append(art.Misses, fmt.Sprintf("event %s %q %v at %q on %q", g.Type, g.Trigger, g.Participants, g.Place, g.Date))
		}
	}
	for si, e := range doc.Events {
		if s2g[si] < 0 {
			art.Scores.Events.FP++
			art.Scores.tally("events", e.Type, 0, 1, 0)
			var ps []string
			for _, p := range e.Participants {
				ps = append(ps, doc.Entities[p].Name)
			}
			place := ""
			if e.Place >= 0 {
				place = doc.Entities[e.Place].Name
			}
			art.FalsePositives = append(art.FalsePositives, fmt.Sprintf("event %s %q %q at %q", e.Type, e.Text, ps, place))
		}
	}
}
