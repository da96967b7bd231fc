package io.fynedesk.connector.blocks;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The code-block languages Notion accepts, and common aliases for them. */
final class CodeLanguages {

  static final String PLAIN = "plain text";

  // https://developers.notion.com/reference/block#code (language enum)
  private static final Set<String> NOTION =
      Set.of(
          "abap",
          "abc",
          "agda",
          "arduino",
          "ascii art",
          "assembly",
          "bash",
          "basic",
          "bnf",
          "c",
          "c#",
          "c++",
          "clojure",
          "coffeescript",
          "coq",
          "css",
          "dart",
          "dhall",
          "diff",
          "docker",
          "ebnf",
          "elixir",
          "elm",
          "erlang",
          "f#",
          "flow",
          "fortran",
          "gherkin",
          "glsl",
          "go",
          "graphql",
          "groovy",
          "haskell",
          "hcl",
          "html",
          "idris",
          "java",
          "javascript",
          "json",
          "julia",
          "kotlin",
          "latex",
          "less",
          "lisp",
          "livescript",
          "llvm ir",
          "lua",
          "makefile",
          "markdown",
          "markup",
          "matlab",
          "mathematica",
          "mermaid",
          "nix",
          "notion formula",
          "objective-c",
          "ocaml",
          "pascal",
          "perl",
          "php",
          "plain text",
          "powershell",
          "prolog",
          "protobuf",
          "purescript",
          "python",
          "r",
          "racket",
          "reason",
          "ruby",
          "rust",
          "sass",
          "scala",
          "scheme",
          "scss",
          "shell",
          "smalltalk",
          "solidity",
          "sql",
          "swift",
          "toml",
          "typescript",
          "vb.net",
          "verilog",
          "vhdl",
          "visual basic",
          "webassembly",
          "xml",
          "yaml",
          "java/c/c++/c#");

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("js", "javascript"),
          Map.entry("jsx", "javascript"),
          Map.entry("ts", "typescript"),
          Map.entry("tsx", "typescript"),
          Map.entry("py", "python"),
          Map.entry("rb", "ruby"),
          Map.entry("sh", "shell"),
          Map.entry("zsh", "shell"),
          Map.entry("console", "shell"),
          Map.entry("yml", "yaml"),
          Map.entry("md", "markdown"),
          Map.entry("kt", "kotlin"),
          Map.entry("rs", "rust"),
          Map.entry("golang", "go"),
          Map.entry("cs", "c#"),
          Map.entry("csharp", "c#"),
          Map.entry("cpp", "c++"),
          Map.entry("fsharp", "f#"),
          Map.entry("dockerfile", "docker"),
          Map.entry("tex", "latex"),
          Map.entry("text", PLAIN),
          Map.entry("txt", PLAIN),
          Map.entry("plaintext", PLAIN),
          Map.entry("plain", PLAIN),
          Map.entry("plain-text", PLAIN),
          Map.entry("objc", "objective-c"),
          Map.entry("ps1", "powershell"),
          Map.entry("htm", "html"),
          Map.entry("wasm", "webassembly"),
          Map.entry("proto", "protobuf"),
          Map.entry("vb", "visual basic"),
          Map.entry("llvm", "llvm ir"),
          Map.entry("make", "makefile"));

  private CodeLanguages() {}

  /** The Notion language for {@code name}, or null when there is none. */
  static String toNotion(String name) {
    if (name == null || name.isBlank()) {
      return PLAIN;
    }
    if (NOTION.contains(name)) {
      return name;
    }
    String lower = name.trim().toLowerCase(Locale.ROOT);
    if (NOTION.contains(lower)) {
      return lower;
    }
    String alias = ALIASES.get(lower);
    if (alias != null) {
      return alias;
    }
    String spaced = lower.replace('-', ' ');
    return NOTION.contains(spaced) ? spaced : null;
  }
}
