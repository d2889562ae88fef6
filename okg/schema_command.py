"""`okg schema`: print the JSON Schema of what `okg extract --format json` writes."""

import json

from okg.facts import json_schema


def add_arguments(parser) -> None:
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")


def run(args) -> int:
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        print(text, end="")
    return 0
