"""Issue 3: virtual machines under CP on both engines (SIE on Hercules, trap-and-emulate on
QEMU). Guest test programs (tests/guest/) run as named systems; each prints PASS/FAIL lines and
a SUMMARY on its virtual console and ends in a disabled wait whose PSW address is its failure
count. Also: a hostile guest cannot hurt CP or its neighbours, and 200 idle machines plus a
looping one leave the operator's console responsive with CPU time accounted; a guest in a
program-interruption loop beside a looper gets half the CPU and is charged what it used."""
import re
import time

READY = r"VMCIPL002I CP ready"

# Guest suites and what each covers (see tests/guest/README.md).
SUITES = ["DIAG", "PRIV", "TIMER", "SCLP", "SIGP", "IO", "PGM", "VDISK", "SEGMENT", "VFBA", "SMP"]


def xautolog(m, user, system, storage="4M"):
    m.command("XAUTOLOG %s IPL %s STORAGE %s" % (user, system, storage),
              r"^VMC(XAU002I %s started|[A-Z]{3}\d{3}E)" % user)


def run_suite(m, user, system):
    """Starts one guest suite and returns (summary line, failure lines, wait PSW address)."""
    xautolog(m, user, system)
    lines = m.lines_until(r"^VMCDSP45[0-2][IW] %s " % user, timeout=120)
    mine = [l for l in lines if l.startswith("%-8s: " % user)]
    fails = [l for l in mine if ": FAIL" in l]
    summary = [l for l in mine if "SUMMARY:" in l]
    wait = re.search(r"PSW [0-9A-F]{16} ([0-9A-F]{16})", lines[-1])
    return summary, fails, wait.group(1) if wait else lines[-1]


def test_guest_suites(machine_class):
    with machine_class(storage_mb=128, timeout=400) as m:
        m.expect(READY, 30)
        problems = []
        for i, system in enumerate(SUITES):
            user = "TEST%03d" % (i + 1)
            summary, fails, psw_addr = run_suite(m, user, system)
            if not summary or fails or psw_addr != "0" * 16:
                problems.append("%s: summary=%s fails=%s wait=%s" % (system, summary, fails,
                                                                    psw_addr))
            m.command("FORCE %s" % user, r"^VMCFRC003I %s forced off" % user)
        m.shutdown()
        assert not problems, "\n".join(problems)


def test_hostile_guest_cannot_hurt_others(machine_class):
    with machine_class(storage_mb=128, timeout=300) as m:
        m.expect(READY, 30)
        xautolog(m, "TEST021", "CHECKSUM")
        xautolog(m, "TEST022", "CHECKSUM")
        xautolog(m, "TEST023", "LOOP")
        xautolog(m, "TEST024", "HOSTILE")
        # The operator keeps getting answers while the hostile guest and a looper run.
        for _ in range(3):
            out = m.command("QUERY NAMES", r"TEST02[1-4]", timeout=10)
            m.command("Q TIME", r"^CONNECT= ", timeout=10)
        done = {}
        deadline = time.monotonic() + 200
        while len(done) < 3 and time.monotonic() < deadline:
            mt = m.expect(r"^VMCDSP45[0-2][IW] (TEST02[124]) .*PSW [0-9A-F]{16} ([0-9A-F]{16})",
                          timeout=max(1, deadline - time.monotonic()))
            done[mt.group(1)] = mt.group(2)
        assert done.get("TEST021") == "0" * 16, done
        assert done.get("TEST022") == "0" * 16, done
        assert "TEST024" in done, done  # it survived to its own end, CP too
        out = m.command("INDICATE USER TEST023", r"^PSW=")
        assert any("STATE=RUNNING" in l for l in out), out
        m.command("FORCE TEST023", r"^VMCFRC003I")
        m.shutdown()


def test_200_idle_machines_and_a_looper(machine_class):
    with machine_class(storage_mb=256, timeout=600) as m:
        m.expect(READY, 30)
        for n in range(1, 201):
            xautolog(m, "TEST%03d" % n, "IDLE", "1M")
        xautolog(m, "TEST201", "LOOP", "1M")
        m.expect(r"^TEST201 : ", 30)  # the looper is running
        time.sleep(2)
        t0 = time.monotonic()
        out = m.command("QUERY NAMES", r"TEST201\s+- DSC", timeout=20)
        elapsed = time.monotonic() - t0
        names = set(re.findall(r"(TEST\d{3})\s+- DSC", " ".join(out)))
        assert len(names) == 201, len(names)
        assert elapsed < 10, "QUERY NAMES took %.1fs" % elapsed
        loop = m.command("INDICATE USER TEST201", r"^PSW=")
        idle = m.command("INDICATE USER TEST100", r"^PSW=")
        vloop = re.search(r"VTIME=(\d+):(\d+)\.(\d+)", " ".join(loop))
        vidle = re.search(r"VTIME=(\d+):(\d+)\.(\d+)", " ".join(idle))
        secs = lambda mm: int(mm.group(1)) * 60 + int(mm.group(2)) + int(mm.group(3)) / 100
        assert secs(vloop) > 0.5, loop
        assert secs(vidle) < 0.5, idle
        assert any("STATE=ENABLED WAIT" in l for l in idle), idle
        m.shutdown(timeout=60)


def indicate_times(m, user):
    """INDICATE USER's CTIME (connected), VTIME (guest) and TTIME (charged), in seconds,
    EXITS and INSTR (instruction interceptions, skipped yields included)."""
    text = " ".join(m.command("INDICATE USER %s" % user, r"^PSW="))
    times = {"EXITS": int(re.search(r"EXITS=(\d+)", text).group(1)),
             "INSTR": int(re.search(r"INSTR=(\d+)", text).group(1))}
    for key in ("CTIME", "VTIME", "TTIME"):
        mm = re.search(r"%s=(\d+):(\d+)\.(\d+)" % key, text)
        assert mm, text
        times[key] = int(mm.group(1)) * 60 + int(mm.group(2)) + int(mm.group(3)) / 100
    return times


def test_program_check_loop_gets_its_share_and_pays_for_it(machine_class):
    """Issue 11 item 5: CP's work for a guest (reflecting its program interruptions) is
    charged to it and ends its slice, so a program-check loop beside a looper gets 50% +- 10%
    of the CPU, the looper too, and the two charges add up to the time that passed."""
    with machine_class(storage_mb=128, timeout=300) as m:
        m.expect(READY, 30)
        xautolog(m, "TEST025", "PGMLOOP")
        xautolog(m, "TEST026", "LOOP")
        m.expect(r"^TEST026 : INFO: environment", 30)  # TEST025 started before it
        time.sleep(2)
        before = {u: indicate_times(m, u) for u in ("TEST025", "TEST026")}
        time.sleep(12)
        after = {u: indicate_times(m, u) for u in ("TEST025", "TEST026")}
        share = {}
        for u in before:
            elapsed = after[u]["CTIME"] - before[u]["CTIME"]
            share[u] = (after[u]["TTIME"] - before[u]["TTIME"]) / elapsed
            assert after[u]["VTIME"] <= after[u]["TTIME"], after[u]
        text = "PGMLOOP %.1f%%, LOOP %.1f%% (before %s, after %s)" % (
            100 * share["TEST025"], 100 * share["TEST026"], before, after)
        print("FAIRNESS[%s]: %s" % (m.name, text))
        out = m.command("INDICATE USER TEST025", r"^PSW=")
        assert any("STATE=RUNNING" in l for l in out), out  # still looping, not stopped
        assert any(l.startswith("TEST025 : PGMLOOP: ") for l in m.log), "PGMLOOP never looped"
        # Every turn of its loop is an exit (a program interruption CP reflects).
        assert after["TEST025"]["EXITS"] - before["TEST025"]["EXITS"] > 10000, text
        m.command("FORCE TEST025", r"^VMCFRC003I")
        m.command("FORCE TEST026", r"^VMCFRC003I")
        m.shutdown()
        assert 0.4 <= share["TEST025"] <= 0.6, text
        assert 0.4 <= share["TEST026"] <= 0.6, text
        assert 0.9 <= share["TEST025"] + share["TEST026"] <= 1.1, text


def test_yield_loop_is_preempted_and_yields(machine_class):
    """Issue 17: a guest that loops DIAG X'44' alone has each yield skipped without CP's C
    code (sie_enter under SIE, the program-interruption entry under trap-and-emulate), yet
    its slices still end: the operator is answered, the guest is charged what it runs and its
    yields are counted. With a looper ready beside it, every yield goes to the dispatcher
    (an exit each, none skipped), and both still get the CPU (split by their shares; a
    yielder that used little is picked again at once)."""
    with machine_class(storage_mb=128, timeout=300) as m:
        m.expect(READY, 30)
        xautolog(m, "TEST027", "DIAGLOOP")
        m.expect(r"^TEST027 : DIAGLOOP: yielding", 30)
        time.sleep(2)
        before = indicate_times(m, "TEST027")
        for _ in range(5):
            t0 = time.monotonic()
            m.command("Q TIME", r"^CONNECT= ", timeout=10)
            assert time.monotonic() - t0 < 5, "QUERY TIME took %.1fs" % (time.monotonic() - t0)
            time.sleep(1)
        after = indicate_times(m, "TEST027")
        instr0, instr1 = before["INSTR"], after["INSTR"]
        elapsed = after["CTIME"] - before["CTIME"]
        alone = (after["TTIME"] - before["TTIME"]) / elapsed
        text = "alone: %.1f%% of %.1fs, %d yields, %d exits" % (
            100 * alone, elapsed, instr1 - instr0, after["EXITS"] - before["EXITS"])
        print("DIAGLOOP[%s]: %s" % (m.name, text))
        assert alone >= 0.5, text  # charged: it ran most of the time
        assert instr1 - instr0 > 10000, text  # and yielded all along
        # Slices still end: many engine runs, not one endless one, and not one a yield.
        assert after["EXITS"] - before["EXITS"] > 50, text
        assert (after["EXITS"] - before["EXITS"]) * 10 < instr1 - instr0, text

        xautolog(m, "TEST028", "LOOP")
        m.expect(r"^TEST028 : ", 30)
        time.sleep(2)
        before = {u: indicate_times(m, u) for u in ("TEST027", "TEST028")}
        time.sleep(8)
        after = {u: indicate_times(m, u) for u in ("TEST027", "TEST028")}
        instr0, instr1 = before["TEST027"]["INSTR"], after["TEST027"]["INSTR"]
        share = {u: (after[u]["TTIME"] - before[u]["TTIME"]) /
                 (after[u]["CTIME"] - before[u]["CTIME"]) for u in before}
        exits = after["TEST027"]["EXITS"] - before["TEST027"]["EXITS"]
        text = "beside a looper: DIAGLOOP %.1f%%, LOOP %.1f%%, %d yields, %d exits" % (
            100 * share["TEST027"], 100 * share["TEST028"], instr1 - instr0, exits)
        print("DIAGLOOP[%s]: %s" % (m.name, text))
        out = m.command("INDICATE USER TEST027", r"^PSW=")
        assert any("STATE=RUNNING" in l for l in out), out
        m.command("FORCE TEST027", r"^VMCFRC003I")
        m.command("FORCE TEST028", r"^VMCFRC003I")
        m.shutdown()
        # Every yield went to the dispatcher (an exit each), none was skipped; the SHAREs
        # still split the CPU (a yielder that used little is picked again at once).
        assert instr1 - instr0 > 1000, text
        assert exits >= 0.9 * (instr1 - instr0), text
        assert share["TEST027"] >= 0.2 and share["TEST028"] >= 0.2, text


def test_real_storage_exhausted(machine_class):
    """A machine bigger than real storage that touches all of it is stopped with a message;
    CP and the other machines carry on, and FORCE gives its frames back."""
    with machine_class(storage_mb=64, timeout=300) as m:
        m.expect(READY, 30)
        xautolog(m, "TEST031", "LOOP", "1M")
        xautolog(m, "TEST032", "FILL", "128M")
        m.expect(r"^VMCDSP453E TEST032 stopped: real storage is exhausted", 120)
        out = m.command("INDICATE USER TEST032", r"^PSW=")
        assert any("STATE=CHECK STOP" in l for l in out), out
        out = m.command("INDICATE USER TEST031", r"^PSW=")
        assert any("STATE=RUNNING" in l for l in out), out
        m.command("FORCE TEST032", r"^VMCFRC003I TEST032 forced off")
        summary, fails, psw_addr = run_suite(m, "TEST033", "DIAG")
        assert summary and not fails and psw_addr == "0" * 16, (summary, fails, psw_addr)
        m.command("FORCE TEST031", r"^VMCFRC003I")
        m.shutdown()


def test_forged_console_lines(machine_class):
    """Issue 11: a guest (FORGE) puts line ends into a MSG to OPERATOR and to a user at a
    3270, into an operand CP's error message repeats, and into its own console line. Each
    arrives as one line with the line end shown as '.', no line begins with the forged CP
    ABEND, CP keeps answering, the 3270 user's screen gets no forged row, and CP refuses the
    class G guest's SHUTDOWN. Then FORGE as MAINT (class A): its SHUTDOWN ends the system."""
    from tn3270 import Tn3270

    with machine_class(storage_mb=128, terminals=1, timeout=300) as m:
        m.expect(READY, 60)
        t = Tn3270(m.tn3270_port)
        try:
            t.wait_for(r"USERID\s+===>", 60)
            t.type("USER01")
            t.tab()
            t.type("USER01")
            t.enter(wait=30)
            t.wait_for(r"(?m)^Ready;", 60)
            xautolog(m, "TEST030", "FORGE")
            lines = m.lines_until(r"^VMCDSP45[0-2][IW] TEST030 ", timeout=120)
            text = "\n".join(lines)
            assert "MSG FROM TEST030 : hello.VMC0PA999S CP ABEND 0001: FORGED BY MSG" in text, text
            assert "TEST030 : VMCCMD001E Unknown CP command: NOSUCH.VMC0PA999S" in text, text
            assert "FORGED LINE.VMC0PA999S CP ABEND 0001: FORGED BY CONSOLE" in text, text
            assert "FORGE: SHUTDOWN rc 546" in text, text
            assert not [l for l in lines if "ABEND" in l and not l.startswith(
                ("MSG FROM TEST030 : ", "TEST030 : "))], text
            m.command("QUERY TIME", r"^CONNECT= ", timeout=20)
            screen = t.wait_for(r"MSG FROM TEST030 : hi\.MSG FROM OPERATOR: FORGED ROW", 20)
            rows = t.screen()
            assert not [r for r in rows if r.lstrip().startswith("MSG FROM OPERATOR")], t.dump()
        finally:
            t.close()
        # Class A: SHUTDOWN through DIAGNOSE X'08' shuts the system down.
        xautolog(m, "MAINT", "FORGE")
        m.expect(r"VMCSHU960I System shutdown complete", 60)
        if machine_class.name == "qemu":
            assert m.wait_exit(30) == 0
        else:
            assert m.wait_for_disabled_wait(30).endswith("0000000000000FFF")


def run_side_by_side(m, users, system, first_line=None, timeout=120):
    """Starts system in each user's machine, the next one only after the previous one printed
    first_line (a pattern, if given), and waits for all to end. Returns {user: wait PSW
    address} and the FAIL lines of those users."""
    start = m.cursor
    for user in users:
        xautolog(m, user, system)
        if first_line:
            m.expect(r"^%-8s: .*%s" % (user, first_line), 60)
    done = {}
    deadline = time.monotonic() + timeout
    pattern = r"^VMCDSP45[0-2][IW] (%s) .*PSW [0-9A-F]{16} ([0-9A-F]{16})" % "|".join(users)
    scanned = start
    while True:
        # The first_line waits may have read past some ends already.
        for raw in m.log[scanned:m.cursor]:
            mt = re.search(pattern, m.console_text(raw) or "")
            if mt:
                done[mt.group(1)] = mt.group(2)
        scanned = m.cursor
        if len(done) == len(users) or time.monotonic() >= deadline:
            break
        m.expect(pattern, timeout=max(1, deadline - time.monotonic()))
    texts = [m.console_text(raw) for raw in m.log[start:m.cursor]]
    fails = [t for t in texts if t and ": FAIL" in t and t.split(":")[0].strip() in users]
    return done, fails


def test_guest_registers_isolated(machine_class):
    """Issue 11: two guests, each holding its own values in the FPRs (or vector registers),
    access registers and FPC while yielding to the other, never see each other's."""
    with machine_class(storage_mb=64, timeout=300) as m:
        m.expect(READY, 30)
        users = ["TEST041", "TEST042"]
        done, fails = run_side_by_side(m, users, "REGS", first_line="INFO: regs: FPR0 ")
        assert all(done.get(u) == "0" * 16 for u in users) and not fails, (done, fails)
        m.shutdown()


def test_shared_page_keys_isolated(machine_class):
    """Issue 11: two guests that map the same CMS segment frame set different storage keys on
    one of its pages; each one's ISKE sees only its own key (and key 0 before it set one)."""
    with machine_class(storage_mb=64, timeout=300) as m:
        m.expect(READY, 30)
        users = ["TEST043", "TEST044"]
        done, fails = run_side_by_side(m, users, "SKEYSHR", first_line="INFO: skeyshr: key ")
        assert all(done.get(u) == "0" * 16 for u in users) and not fails, (done, fails)
def test_program_interruption_loops(machine_class):
    """Issue 11: invalid new PSWs give the guest a specification exception; a program new PSW
    that is invalid (PSWLOOP) or whose first instruction faults (PSWFAULT) is a loop CP stops
    with VMCDSP454E, while CP and the other machines carry on."""
    with machine_class(storage_mb=128, timeout=300) as m:
        m.expect(READY, 30)
        xautolog(m, "TEST041", "LOOP")
        for user, system in (("TEST042", "PSWLOOP"), ("TEST043", "PSWFAULT")):
            t0 = time.monotonic()
            xautolog(m, user, system)
            lines = m.lines_until(r"^VMCDSP45\d[A-Z] %s " % user, timeout=60)
            mine = [l for l in lines if l.startswith("%-8s: " % user)]
            assert any("SUMMARY: 6 tests, 0 unexpected failures" in l for l in mine), lines
            assert not any(": FAIL" in l for l in mine), mine
            assert re.match(r"^VMCDSP454E %s stopped: program interruption loop; PSW " % user,
                            lines[-1]), lines[-1]
            print("%s stopped %.2f s after XAUTOLOG" % (system, time.monotonic() - t0))
            out = m.command("INDICATE USER %s" % user, r"^PSW=")
            assert any("STATE=CHECK STOP" in l for l in out), out
            print("\n".join(out))
        out = m.command("INDICATE USER TEST041", r"^PSW=")
        assert any("STATE=RUNNING" in l for l in out), out
        summary, fails, psw_addr = run_suite(m, "TEST044", "DIAG")
        assert summary and not fails and psw_addr == "0" * 16, (summary, fails, psw_addr)
        for user in ("TEST041", "TEST042", "TEST043", "TEST044"):
            m.command("FORCE %s" % user, r"^VMCFRC003I %s forced off" % user)
        m.shutdown()


def test_prefix_under_storage_exhaustion(machine_class):
    """Issue 11: with real storage exhausted (FILL), a machine that moves its prefix into a
    segment without frames is stopped with VMCDSP453E before it runs with that prefix, and
    never sees or changes CP's lowcore; CP and the other machines carry on."""
    with machine_class(storage_mb=64, timeout=400) as m:
        m.expect(READY, 30)
        xautolog(m, "TEST035", "LOOP", "1M")
        xautolog(m, "TEST036", "PFXSTOR")
        xautolog(m, "TEST037", "FILL", "128M")
        stopped = set()
        lines = []
        deadline = time.monotonic() + 250
        while len(stopped) < 2 and time.monotonic() < deadline:
            lines += m.lines_until(r"^VMCDSP45\d[A-Z] TEST03[67] ", timeout=250)
            mt = re.match(r"^(VMCDSP45\d[A-Z]) (TEST03[67]) ", lines[-1])
            stopped.add(mt.group(2))
            assert mt.group(1) == "VMCDSP453E", lines[-1]
        mine = [l for l in lines if l.startswith("TEST036 : ")]
        assert any("PASS: pfxstor: real storage exhausted" in l for l in mine), lines
        assert not any(": FAIL" in l for l in mine), mine
        out = m.command("INDICATE USER TEST036", r"^PSW=")
        assert any("STATE=CHECK STOP" in l for l in out), out
        out = m.command("INDICATE USER TEST035", r"^PSW=")
        assert any("STATE=RUNNING" in l for l in out), out
        m.command("Q TIME", r"^CONNECT= ", timeout=10)
        m.command("FORCE TEST037", r"^VMCFRC003I TEST037 forced off")
        m.command("FORCE TEST036", r"^VMCFRC003I TEST036 forced off")
        summary, fails, psw_addr = run_suite(m, "TEST038", "DIAG")
        assert summary and not fails and psw_addr == "0" * 16, (summary, fails, psw_addr)
        m.command("FORCE TEST035", r"^VMCFRC003I")
        m.shutdown()


def indicate(m, user):
    return m.command("INDICATE USER %s" % user, r"^PSW=")


def test_fixed_storage_guests(machine_class):
    """OPTION V=F: the guest suites pass in machines whose storage is fixed in one run of real
    storage; under SIE on Hercules such a machine runs in a region-relocation zone (INDICATE
    USER shows ZONE=n), under QEMU it runs through the same tables as any other. A hostile
    V=F guest cannot touch a V=F neighbour's storage, FORCE returns every frame, and a V=F
    machine too big for any free run is told so and runs pageable."""
    zoned = machine_class.name == "hercules"
    with machine_class(storage_mb=128, timeout=500) as m:
        m.expect(READY, 30)
        problems = []
        for system in ["PGM", "DIAG", "PRIV", "SIGP", "IO", "TIMER", "SEGMENT", "SMP"]:
            user = "FIXED02" if system == "SMP" else "FIXED01"
            summary, fails, psw_addr = run_suite(m, user, system)
            if not summary or fails or psw_addr != "0" * 16:
                problems.append("%s: summary=%s fails=%s wait=%s" % (system, summary, fails,
                                                                    psw_addr))
            out = "\n".join(indicate(m, user))
            if "STOR=4M V=F STATE=" not in out:
                problems.append("%s: not V=F: %s" % (system, out))
            # SEGMENT's machine maps a shared segment at the end: no zone then.
            if system != "SEGMENT" and zoned != ("ZONE=" in out):
                problems.append("%s: zone expected=%s: %s" % (system, zoned, out))
            lines = m.command("FORCE %s" % user, r"^VMCFRC003I %s forced off" % user)
            frames = re.search(r"(\d+) real frames returned", "\n".join(lines))
            # 1024 pages, their 4 page tables and the segment table, at least.
            if not frames or int(frames.group(1)) < 1029:
                problems.append("%s: FORCE returned %s" % (system, lines))
        assert not problems, "\n".join(problems)

        # A hostile V=F guest beside two checksummers, one V=F and one pageable.
        xautolog(m, "FIXED03", "CHECKSUM")
        xautolog(m, "TEST021", "CHECKSUM")
        xautolog(m, "FIXED01", "HOSTILE")
        done = {}
        deadline = time.monotonic() + 200
        while len(done) < 3 and time.monotonic() < deadline:
            mt = m.expect(r"^VMCDSP45[0-2][IW] (FIXED0[13]|TEST021) .*PSW [0-9A-F]{16} "
                          r"([0-9A-F]{16})", timeout=max(1, deadline - time.monotonic()))
            done[mt.group(1)] = mt.group(2)
        assert done.get("FIXED03") == "0" * 16, done
        assert done.get("TEST021") == "0" * 16, done
        assert "FIXED01" in done, done
        for user in ["FIXED01", "FIXED03", "TEST021"]:
            m.command("FORCE %s" % user, r"^VMCFRC003I %s forced off" % user)

        # Bigger than any free run of the 128 MB machine: told, and pageable.
        out = m.command("XAUTOLOG FIXED01 IPL PGM STORAGE 256M",
                        r"^VMC(XAU002I FIXED01 started|[A-Z]{3}\d{3}E)")
        assert any(l.startswith("VMCLGA081W No run of 256M of real storage is free for V=F")
                   for l in out), out
        m.expect(r"^VMCDSP45[0-2][IW] FIXED01 ", 120)
        out = "\n".join(indicate(m, "FIXED01"))
        assert "STOR=256M STATE=" in out and "ZONE=" not in out, out
        m.command("FORCE FIXED01", r"^VMCFRC003I FIXED01 forced off")
        m.shutdown()
