namespace Vanta.Journal.Audit;

/// <summary>The README.md of every audit bundle: how to check it with sha256sum, unzip, jq and python3 alone.</summary>
public static class BundleReadme
{
    public const string Text = """
        # Vanta audit bundle

        This archive holds an excerpt of a Vanta journal: the hash-chained, append-only log of every
        event the system saw and every decision it made. Everything below can be checked with
        `unzip`, `sha256sum`, `jq` and `python3`; `vanta audit verify-bundle FILE.zip` runs the same
        checks (and also recomputes each envelope's `event_id`).

        ## Files

        | file | what it is |
        |---|---|
        | `records.jsonl` | journal records, one per line, byte for byte as in the journal (LF line ends) |
        | `configs/KIND-VERSION.json` | a config document's content; VERSION is its SHA-256 |
        | `configs/KIND-VERSION.record.jsonl` | the journal line (one record) that published that document |
        | `README.md` | this file |
        | `manifest.json` | what the bundle claims (below) |
        | `SHA256SUMS` | the SHA-256 of every other file, in archive order |

        `records.jsonl` is a contiguous run of the chain: from the first to the last record whose
        envelope `ts_event` lies in the window (`window.from <= ts_event < window.to`). The journal
        is in processing order, not event-time order, so a few records inside the run may have a
        `ts_event` just outside the window; they are kept so that no link of the chain is missing.
        `records.in_window` counts the records inside the window.

        Configs included: for each config kind, the latest document in effect at `window.from`;
        every version named by an allocation intent in the records (`payload.config_version`); and
        every config record inside the run. `reasons` says which applied.

        ## manifest.json

        - `window.from`, `window.to`: the event-time window asked for.
        - `records`: `first_seq`, `last_seq`, `count` (= last - first + 1), `in_window`.
        - `anchor`: `seq` and `hash` of the record just before the first one (`first_seq - 1`); the
          first record's `prev` must equal `anchor.hash`. At the start of a journal the anchor is
          seq 0 with 64 zeros.
        - `chain_head`: seq and hash of the journal's last record when the bundle was written.
        - `merkle_root`: see "Merkle root" below.
        - `configs`: kind, version, the seq of its config record, `effective_at`, `reasons`, files.
        - `files`: path, SHA-256 and size of every file except `manifest.json` and `SHA256SUMS`.

        ## 1. File digests

            unzip -q bundle.zip -d bundle && cd bundle
            sha256sum -c SHA256SUMS
            jq -r '.files[] | "\(.sha256)  \(.path)"' manifest.json | sha256sum -c
            sha256sum configs/*.json    # each digest must equal the VERSION in the file name

        `SHA256SUMS` covers `manifest.json`, and the manifest covers every other file, so a change to
        any byte of any file shows up.

        ## 2. Record hashes and links

        Each line of `records.jsonl` has exactly this layout, with no spaces:

            {"seq":SEQ,"prev":"PREV","hash":"HASH","envelope":ENVELOPE}

        SEQ is a decimal number without sign or leading zeros, PREV and HASH are 64 lower-case hex
        characters, ENVELOPE is a JSON object. HASH is the lower-case hex SHA-256 of the bytes

            SEQ  0x0A  PREV  0x0A  ENVELOPE

        where SEQ and PREV are the ASCII characters as they appear in the line and ENVELOPE is the
        envelope exactly as it appears: every byte from the `{` after `"envelope":` up to, not
        including, the final `}` of the line. Nothing is re-serialized. The chain holds when each
        line's SEQ is one more than the line before, and its PREV is the HASH of the line before
        (`anchor.hash` for the first line). Config record files are checked the same way on their
        own, and their `seq` and `hash` match the full journal.

        ## 3. Merkle root

        Leaves are the record hashes of `records.jsonl` as 32-byte binary values, in seq order.
        Each level pairs the nodes left to right; a pair's parent is SHA-256(0x01 || left || right).
        A node left over at the end of an odd-sized level is carried up to the next level unchanged
        (it is not duplicated). The level with one node is the root, printed as lower-case hex. One
        record: the root is its hash.

        ## 4. One script for 2 and 3

        Run in the unzipped folder; prints OK or the first problem.

        ```python
        import hashlib, json, re
        m = json.load(open("manifest.json"))
        layout = re.compile(rb'\{"seq":([1-9][0-9]*),"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})","envelope":(\{.*\})\}')
        prev, seq, leaves = m["anchor"]["hash"].encode(), m["anchor"]["seq"], []
        for raw in open("records.jsonl", "rb"):
            g = layout.fullmatch(raw.rstrip(b"\n"))
            assert g, f"line after seq {seq}: not a journal record"
            s, p, h, env = g.groups()
            seq += 1
            assert int(s) == seq, f"seq {seq}: found seq {int(s)} (a record was removed, moved or inserted)"
            assert p == prev, f"seq {seq}: prev is not the hash of the record before"
            assert hashlib.sha256(s + b"\n" + p + b"\n" + env).hexdigest().encode() == h, f"seq {seq}: hash does not match"
            prev = h
            leaves.append(bytes.fromhex(h.decode()))
        assert seq == m["records"]["last_seq"] and len(leaves) == m["records"]["count"], "record count or last seq differs"
        level = leaves
        while len(level) > 1:
            up = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
            level = up + (level[-1:] if len(level) % 2 else [])
        assert level[0].hex() == m["merkle_root"], "merkle root differs"
        print("OK", m["records"]["count"], "records, merkle root", m["merkle_root"])
        ```

        ## 5. What the bundle cannot prove on its own

        A bundle is self-consistent: someone who rewrites every file together can make a new
        consistent bundle. Compare `merkle_root`, `anchor` and `chain_head` (or the SHA-256 of the
        whole zip) with values recorded independently: the operator's `vanta audit verify` output,
        a previous bundle whose records end where this one's anchor starts, or the live journal,
        where the line at `anchor.seq` must have `anchor.hash` and the line at `chain_head.seq`
        must have `chain_head.hash`.

        """;
}
