package main

import (
	"github.com/urfave/cli/v2"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against annotated articles (NAME.txt beside NAME.gold.json)",
		ArgsUsage: "GOLD_DIR...",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every miss, false positive and wrong attribute by article"},
			&cli.BoolFlag{Name: "json", Usage: "print the figures as JSON"},
		},
		Action: func(c *cli.Context) error {
			if err := needArgs(c, "GOLD_DIR"); err != nil {
				return err
			}
			x, err := extract.New()
			if err != nil {
				return err
			}
			r, err := eval.Run(c.Context, x, c.Args().Slice())
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return r.WriteJSON(c.App.Writer)
			}
			return r.WriteText(c.App.Writer, c.Bool("verbose"))
		},
	}
}
