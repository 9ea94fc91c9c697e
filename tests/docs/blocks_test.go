package docs

import (
	"reflect"
	"testing"
)

func TestBlocks(t *testing.T) {
	doc := "# T\n\n```lua\nprint(1)\n```\n\n<!-- not run: needs krew -->\n```sh\nkubectl krew install lua\n```\n\n```sh\nklua version\n```\n"
	want := []block{
		{lang: "lua", line: 4, code: "print(1)\n"},
		{lang: "sh", line: 9, code: "kubectl krew install lua\n", notRun: "needs krew"},
		{lang: "sh", line: 13, code: "klua version\n"},
	}
	if got := blocks(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
