import type { Command } from './command-context.js';

const subcommands: Record<string, string> = {
  parts: 'ls show abort clean',
  lifecycle: 'get set rm run passes',
  uploads: 'list abort',
  admin: 'accounts',
};

/** A bash completion script: commands, their subcommands and the flags each usage text lists. */
export function completionScript(commands: readonly Command[]): string {
  const names = [...commands.map((c) => c.name), 'help', 'version', 'completion'].join(' ');
  const cases = commands
    .map((c) => {
      const flags = [...new Set(c.usage.match(/--[a-z0-9-]+/g) ?? [])].join(' ');
      const subs = subcommands[c.name] ?? '';
      return `    ${c.name}) words="${subs} ${flags}" ;;`;
    })
    .join('\n');
  return `# cairn bash completion: eval "$(cairn completion bash)"
_cairn() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names}" -- "$cur"))
    return
  fi
  case \${COMP_WORDS[1]} in
${cases}
    help) words="${names}" ;;
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  if [ \${#COMPREPLY[@]} -eq 0 ]; then COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -F _cairn cairn`;
}
