#!/usr/bin/env python3
"""Independent pure-Python re-implementation of KTAB's SMP (examples/smp/libsrc/smp*.cpp,
KTAB/kmodel/libsrc/kmodel.cpp) written from the source-code reading in docs/ktab-smp-algorithm.md.

Purpose: check that the write-up is complete enough to reproduce smpc's numbers.
Implements the DEFAULT model parameters of a CSV run (all that a CSV run can use):
  VictoryProbModel=Linear, PCEModel=Conditional, StateTransitions=Deterministic,
  VotingRule=Proportional, BigRRange=Mid, BigRAdjust=OneThird, ThirdPartyCommit=SemiCommit,
  InterVecBrgn=S2P2, BargnModel=InitOnlyInterp, identity ideal-accommodation matrix.
Other voting rules / VPMs / PCEs are implemented too (selectable) but were not cross-checked.

usage: tools/ktab_smp_reference.py <scenario.csv>
prints, like smpc's log: "Fractional change ..." per turn, the position history per actor/dim
(0..100 scale, %5.1f) and the "prob :" history per actor.
"""
import csv
import math
import sys

VR = "Prop"      # Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp
VPM = "Linear"   # Linear, Square, Quartic, Octic, Binary
PCEM = "Conditional"  # Conditional, MarkovUniform, MarkovIncentive
BIGR_RANGE = "Mid"
BIGR_ADJ = "OneThird"
TPC = "SemiCommit"
POS_TOL = 1e-3


# ---------------------------------------------------------------- input (smpread.cpp csvRead)
def read_csv(fn):
    rows = [r for r in csv.reader(open(fn, newline=""))]
    scen, desc, na, nd = rows[0][0], rows[0][1], int(rows[0][2]), int(rows[0][3])
    dnames = [rows[1][3 + 2 * d].strip() for d in range(nd)]
    names, cap, pos, sal = [], [], [], []
    for i in range(na):
        r = rows[2 + i]
        names.append(r[0].strip())
        cap.append(float(r[2]))
        pos.append([float(r[3 + 2 * d]) / 100.0 for d in range(nd)])
        sal.append([float(r[4 + 2 * d]) / 100.0 for d in range(nd)])
    return names, dnames, cap, pos, sal


# ---------------------------------------------------------------- kmodel.cpp primitives
def vote(vr, w, ui, uj):
    if w <= 0:
        raise ValueError("non-positive voting weight")
    du = ui - uj
    rbin = max(-1.0, min(1.0, du / 1e-8))
    if vr == "Binary":
        return w * rbin
    if vr == "PropBin":
        return w * ((1 - 0.2) * du + 0.2 * rbin)
    if vr == "Prop":
        return w * du
    if vr == "PropCbc":
        return w * ((1 - 0.5) * du + 0.5 * du * du * du)
    if vr == "Cubic":
        return w * du * du * du
    if vr == "ASymProsp":
        if du < 0:
            return w * du
        if du > 0:
            return (2.0 * w * du) / 3.0
        return 0.0
    raise ValueError(vr)


def vprob2(vpm, s1, s2):
    if vpm == "Linear":
        x1, x2 = s1, s2
    elif vpm == "Square":
        x1, x2 = s1 * s1, s2 * s2
    elif vpm == "Quartic":
        x1, x2 = (s1 * s1) ** 2, (s2 * s2) ** 2
    elif vpm == "Octic":
        x1, x2 = ((s1 * s1) ** 2) ** 2, ((s2 * s2) ** 2) ** 2
    else:  # Binary, threshold 1.10
        t = 1.10
        if s1 >= t * s2:
            x1, x2 = 1.0, 1e-6
        elif s2 >= t * s1:
            x1, x2 = 1e-6, 1.0
        else:
            r12 = s1 / (s1 + s2)
            p12 = (r12 * (t + 1.0) - 1.0) / (t - 1.0)
            x1, x2 = p12, 1 - p12
    return x1 / (x1 + x2), x2 / (x1 + x2)


def coalitions(vfn, nact, nopt):
    minc = 1e-8
    c = [[0.0] * nopt for _ in range(nopt)]
    for i in range(nopt):
        for j in range(i):
            cij = minc
            cji = minc
            for k in range(nact):
                v = vfn(k, i, j)
                if v > 0:
                    cij = cij + v
                if v < 0:
                    cji = cji - v
            c[i][j] = cij
            c[j][i] = cji
        c[i][i] = minc
    return c


def vprob_matrix(vpm, c):
    n = len(c)
    p = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i):
            a, b = vprob2(vpm, c[i][j], c[j][i])
            p[i][j] = a
            p[j][i] = b
        p[i][i] = 0.5
    return p


def cond_pce(pv):
    n = len(pv)
    p = []
    for i in range(n):
        pi = 1.0
        for j in range(n):
            pi = pi * pv[i][j]
        p.append(pi)
    s = 0.0
    for x in p:
        s = s + x
    return [x / s for x in p]


def markov_uniform_pce(pv):
    n = len(pv)
    p = [1.0 / n] * n
    change = 1.0
    while 1e-6 < change:
        change = 0.0
        q = [0.0] * n
        for i in range(n):
            pi = 0.0
            for j in range(n):
                pi = pi + pv[i][j] * (p[i] + p[j])
            q[i] = pi / n
            change = max(change, abs(q[i] - p[i]))
        p = [(a + b) / 2.0 for a, b in zip(p, q)]
    return p


def markov_incentive_pce(c, vpm):
    n = len(c)
    pv = vprob_matrix(vpm, c)
    inc = [[c[i][j] * pv[i][j] + (1e-10 if i == j else 0.0) for j in range(n)] for i in range(n)]
    colsum = [sum(inc[k][j] for k in range(n)) for j in range(n)]
    chlg = [[inc[i][j] / colsum[j] for j in range(n)] for i in range(n)]
    p = [1.0 / n] * n
    change = 1.0
    while 1e-8 < change:
        ct = [[p[i] * chlg[j][i] for j in range(n)] for i in range(n)]
        change = 0.0
        q = [0.0] * n
        for i in range(n):
            qi = 0.0
            for j in range(n):
                qi = qi + pv[i][j] * (ct[i][j] + ct[j][i])
            q[i] = qi
            change = max(change, abs(q[i] - p[i]))
        p = [(a + b) / 2.0 for a, b in zip(p, q)]
    return p


def prob_ce(c):
    pv = vprob_matrix(VPM, c)
    if PCEM == "Conditional":
        return cond_pce(pv)
    if PCEM == "MarkovUniform":
        return markov_uniform_pce(pv)
    return markov_incentive_pce(c, VPM)


def scalar_pce(nact, nopt, w, u):
    c = coalitions(lambda k, i, j: vote(VR, w[k], u[k][i], u[k][j]), nact, nopt)
    return prob_ce(c)


def bigR_from_prob(p):
    pmin, pmax = min(p), max(p)
    if BIGR_RANGE == "Min":
        return [(x - pmin) / (pmax - pmin) for x in p]
    if BIGR_RANGE == "Mid":
        return [(3 * x - (pmax + 2 * pmin)) / (2 * (pmax - pmin)) for x in p]
    return [(2 * x - (pmax + pmin)) / (pmax - pmin) for x in p]


def est_nra(rh, ri):
    return {"None": rh, "OneThird": ((2.0 * rh) + ri) / 3.0, "Half": (rh + ri) / 2,
            "TwoThirds": (rh + (2.0 * ri)) / 3.0, "Full": ri}[BIGR_ADJ]


def third_party_vote(wk, pik, pjk, uki, ukj, ukk):
    if TPC == "FullCommit":
        a, b, c_, d = uki + uki + uki, ukj + ukj + ukj, uki + uki + uki, ukj + ukj + ukj
    elif TPC == "SemiCommit":
        a, b, c_, d = uki + uki + ukk, ukj + ukj + ukj, uki + uki + uki, ukj + ukj + ukk
    else:
        a, b, c_, d = uki + uki + ukk, ukj + ukj + ukk, uki + uki + ukk, ukj + ukj + ukk
    u_ik_j = (pik * a) + (pjk * b)
    u_i_jk = (pik * c_) + (pjk * d)
    return vote(VR, wk, u_ik_j, u_i_jk)


def vprob_little(wn, uni, unj, ci, cj):
    cn = vote(VR, wn, uni, unj)
    cni = ci + cn if cn > 0 else ci
    cnj = cj - cn if cn < 0 else cj
    return cni / (cni + cnj)


# ---------------------------------------------------------------- smp.cpp primitives
def bs_util(sd, R):
    if sd < 0:
        raise ValueError
    if sd <= 1:
        return (1 - sd) * (1 + sd * R)
    return (1 - sd) * (1 + R)


def bv_diff(vd, vs):
    ds2 = 0.0
    ss2 = 0.0
    for d, s in zip(vd, vs):
        ds = d * s
        ds2 = ds2 + ds * ds
        ss2 = ss2 + s * s
    return math.sqrt(ds2 / ss2)


def norm(v):
    s = 0.0
    for x in v:
        s = s + x * x
    return math.sqrt(s)


def round4(x):
    return int(0.5 + x * 10000.0) / 10000.0


class SMP:
    def __init__(self, cap, pos, sal):
        self.n = len(cap)
        self.cap = cap
        self.sal = sal
        self.S = []
        for s in sal:
            t = 0.0
            for x in s:
                t = t + x
            self.S.append(t)
        self.history = [[list(p) for p in pos]]
        self.ideals = [list(p) for p in pos]

    # SMPState::setAllAUtil
    def set_autil(self, X, Y):
        n = self.n
        self.vdiff = [[bv_diff([a - b for a, b in zip(Y[i], X[j])], self.sal[i]) for j in range(n)] for i in range(n)]
        rn = [[bs_util(self.vdiff[i][j], 0.0) for j in range(n)] for i in range(n)]
        c = coalitions(lambda k, i, j: vote(VR, self.cap[k], rn[k][i], rn[k][j]), n, n)
        p = prob_ce(c)
        self.nra = bigR_from_prob(p)
        self.aUtil = []
        for h in range(n):
            u = [[0.0] * n for _ in range(n)]
            for i in range(n):
                r = est_nra(self.nra[h], self.nra[i])
                for j in range(n):
                    u[i][j] = bs_util(self.vdiff[i][j], r)
            self.aUtil.append(u)

    def pos_util(self, a, z, Y):
        return bs_util(bv_diff([p - q for p, q in zip(Y[a], z)], self.sal[a]), self.nra[a])

    # SMPState::probEduChlg
    def prob_edu_chlg(self, h, k, i, j):
        u = self.aUtil[h]
        euSQ = u[k][i] + u[k][j]
        uhkij = u[k][i] + u[k][i]
        uhkji = u[k][j] + u[k][j]
        si, ci, sj, cj = self.S[i], self.cap[i], self.S[j], self.cap[j]
        con_i = vote(VR, si * ci, u[i][i], u[i][j])
        con_j = vote(VR, sj * cj, u[j][i], u[j][j])
        chij = 1e-10
        chji = 1e-10
        if con_i > 0.0:
            chij = chij + con_i
        if con_i < 0.0:
            chji = chji - con_i
        if con_j > 0.0:
            chij = chij + con_j
        if con_j < 0.0:
            chji = chji - con_j
        ci_ij, cj_ij = chij, chji
        for nn in range(self.n):
            if nn != i and nn != j:
                wn = self.S[nn] * self.cap[nn]
                uni, unj, unn = u[nn][i], u[nn][j], u[nn][nn]
                pin = vprob_little(wn, uni, unj, ci_ij, cj_ij)
                v = third_party_vote(wn, pin, 1.0 - pin, uni, unj, unn)
                if v > 0:
                    chij = chij + v
                if v < 0:
                    chji = chji - v
        phij = chij / (chij + chji)
        phji = chji / (chij + chji)
        euVict = uhkij
        euCntst = phij * uhkij + phji * uhkji
        euChlg = (1 - sj) * euVict + sj * euCntst
        return phij, euChlg - euSQ

    def step(self):
        n = self.n
        X = self.history[-1]
        Y = self.ideals
        self.set_autil(X, Y)
        brgns = [[("SQ", k, k, X[k], X[k])] for k in range(n)]
        own = {}
        for i in range(n):
            best_j, p_ij, best = -1, 0.0, -1.0
            for j in range(n):
                if j == i:
                    continue
                pij, edu = self.prob_edu_chlg(i, i, i, j)
                if 1e-5 < edu and best < edu:
                    best_j, p_ij, best = j, pij, edu
            if best > 0:
                j = best_j
                pI, pJ = p_ij, 1 - p_ij
                bi, bj = [], []
                for d in range(len(X[i])):
                    tik, sik, tjk, sjk = X[i][d], self.sal[i][d], X[j][d], self.sal[j][d]
                    wik = math.pow(sik, 2) * math.pow(pI, 2)
                    wjk = math.pow(sjk, 2) * math.pow(pJ, 2)
                    minW = 1e-6
                    bi.append(round4(((wik + minW) * tik + wjk * tjk) / (wik + minW + wjk)))
                    bj.append(round4((wik * tik + (minW + wjk) * tjk) / (wik + minW + wjk)))
                own[i] = (j, bi, bj)
        # queue order: SQ, own bargain (as initiator), then bargains received, by initiator index
        for i in range(n):
            if i in own:
                j, bi, bj = own[i]
                brgns[i].append(("B", i, j, bi, bj))
        for i in range(n):
            if i in own:
                j, bi, bj = own[i]
                brgns[j].append(("B", i, j, bi, bj))
        newX = []
        for k in range(n):
            B = brgns[k]
            u = [[0.0] * len(B) for _ in range(n)]
            for a in range(n):
                for m, b in enumerate(B):
                    if b[0] == "SQ":
                        s = 0.0
                        for l in range(n):
                            s = s + self.aUtil[a][a][l]
                    else:
                        s = 0.0
                        s = s + self.pos_util(a, b[3], Y)
                        s = s + self.pos_util(a, b[4], Y)
                        for l in range(n):
                            if l != b[1] and l != b[2]:
                                s = s + self.aUtil[a][a][l]
                    u[a][m] = s / n
            p = scalar_pce(n, len(B), self.cap, u)
            mbest, pbest = 0, -1.0
            for m, x in enumerate(p):
                if pbest < abs(x):
                    mbest, pbest = m, abs(x)
            b = B[mbest]
            if b[0] == "SQ":
                newX.append(list(X[k]))
            elif b[1] == k:
                newX.append(list(b[3]))
            else:
                newX.append(list(b[4]))
        self.history.append(newX)
        self.ideals = [list(x) for x in newX]  # identity accommodation

    def probs(self, X, Y):
        """pDist(-1) + posProb for every actor (the 'prob :' lines)."""
        self.set_autil(X, Y)
        n = self.n
        eqv = lambda a, b: norm([p - q for p, q in zip(X[a], X[b])]) < POS_TOL
        uniq = []
        for i in range(n):
            if not any(eqv(i, k) for k in uniq):
                uniq.append(i)
        u = [[self.aUtil[i][i][uniq[jj]] for jj in range(len(uniq))] for i in range(n)]
        p = scalar_pce(n, len(uniq), self.cap, u)
        out = []
        for i in range(n):
            k = None
            for j1, j2 in enumerate(uniq):
                if eqv(i, j2):
                    k = j1
            out.append(p[k])
        return out


def state_dist(A, B):
    s = 0.0
    for a, b in zip(A, B):
        s = s + norm([x - y for x, y in zip(a, b)])
    return s


def run(fn):
    names, dnames, cap, pos, sal = read_csv(fn)
    m = SMP(cap, pos, sal)
    it = 0
    while True:
        it += 1
        m.step()
        d01 = state_dist(m.history[0], m.history[1]) + 1e-4
        dxy = state_dist(m.history[it], m.history[it - 1])
        ratio = dxy / d01
        print("Fractional change compared to first step: %.4f  (target=%.4f) " % (ratio, 0.02))
        if 100 <= it or (2 <= it and ratio < 0.02):
            break
    print("There were %u states, with %i steps between them " % (len(m.history), len(m.history) - 1))
    for i, nm in enumerate(names):
        for d, dn in enumerate(dnames):
            print("%s, %s:%s" % (nm, dn, "".join(" %5.1f" % (100.0 * X[i][d]) for X in m.history)))
    probs = [m.probs(X, X) for X in m.history]
    for i, nm in enumerate(names):
        print("%s, prob :%s " % (nm, "".join(" %.4f" % pr[i] for pr in probs)))


if __name__ == "__main__":
    run(sys.argv[1])
