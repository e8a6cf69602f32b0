"""Names and ids: roles, departments and outputs as the text names them.

* Names are canonical in Simplified script (the parser reads :attr:`CleanText.simple`) and
  keep their original form; the id is the kind and the Simplified name (``role:客户经理``,
  ``dept:办事处``, ``output:客户意见反馈单``), so the same name in two documents, or in two
  scripts, is one node.  A name is first recorded where the text first mentions it.
* A name that ends in a department suffix (部, 处, 中心, 科, 室, …) is a department; a
  leading department (``办事处销售副主任``) names the role's department; a leading ``公司``
  is the company itself.  A prefix binds only the item it is written on.
* A prefix stays part of the role's name when what remains is a bare generic title, one
  that names no function (:data:`GENERIC_TITLES`: 主任, 经理, 主管, 助理, …):
  ``办事处主任`` is the role ``办事处主任`` in 办事处, not a ``主任`` that every document's
  directors would share; ``办事处销售副主任`` still names ``销售副主任``.
"""

from __future__ import annotations

from loaders.document.state import _Entity, _State

#: Words that mean "nobody".
NONE_WORDS = {"无", "没有", "暂无", "空", "-", "/", "不适用"}
#: Endings of department names (longest first).
DEPT_SUFFIXES = (
    "委员会",
    "办公室",
    "事业部",
    "代表处",
    "办事处",
    "中心",
    "部",
    "处",
    "科",
    "室",
    "局",
    "厅",
    "所",
    "院",
    "站",
    "组",
    "队",
)
#: The last characters of the department suffixes (a cheap first test).
_SUFFIX_ENDS = frozenset(x[-1] for x in DEPT_SUFFIXES)
#: Titles that name no function: a role named only by one of them keeps its department
#: prefix (``办事处主任``, ``商务部经理``).
GENERIC_TITLES = frozenset(
    {
        "主任",
        "副主任",
        "经理",
        "副经理",
        "总经理",
        "主管",
        "副主管",
        "助理",
        "代表",
        "总监",
        "副总监",
        "部长",
        "副部长",
        "处长",
        "副处长",
        "科长",
        "组长",
        "队长",
        "站长",
        "负责人",
        "领导",
        "秘书",
        "专员",
        "主席",
    }
)
#: Ways to name the company itself in front of a role.
COMPANY_PREFIXES = ("本公司", "我公司", "公司", "我司")


class _Naming(_State):
    """Entities by name: the tables of roles, departments and outputs, and memberships."""

    def entity(self, table: dict[str, _Entity], prefix: str, a: int, b: int) -> str:
        self.check_name(a, b)
        name = self.s[a:b]
        key = f"{prefix}:{name}"
        known = table.get(key)
        if known is None:
            table[key] = _Entity(key, name, self.ct.text[a:b], self.prov(a, b))
        elif self.ct.starts[a] < known.prov.start:  # keep the first mention in the text
            known.name_original, known.prov = self.ct.text[a:b], self.prov(a, b)
        return key

    def department(self, a: int, b: int) -> str:
        return self.entity(self.depts, "dept", a, b)

    def person(self, a: int, b: int) -> tuple[str, str] | None:
        """A role or department named in ``[a, b)``: ``("role"|"dept", id)`` or ``None``."""
        a, b = self.trim(a, b)
        start, name = a, self.s[a:b]
        if not name or name in NONE_WORDS:
            return None
        if name[-1] in _SUFFIX_ENDS and name.endswith(DEPT_SUFFIXES):
            return "dept", self.department(a, b)
        dept: str | None = None
        for cut in range(b - 2, a + 1, -1):  # longest department prefix, role of ≥ 2 chars
            if self.s[cut - 1] in _SUFFIX_ENDS and self.s.endswith(DEPT_SUFFIXES, a, cut):
                dept = self.department(a, cut)
                if self.s[cut:b] not in GENERIC_TITLES:
                    a = cut
                break
        else:
            for company in COMPANY_PREFIXES if name.startswith(COMPANY_PREFIXES) else ():
                if name.startswith(company) and len(name) - len(company) >= 2:
                    a += len(company)
                    break
        role = self.entity(self.roles, "role", a, b)
        if dept is not None:
            self.assign(role, dept, (start, b))
        return "role", role

    def assign(self, role: str, dept: str, span: tuple[int, int]) -> None:
        """Record that ``role`` belongs to ``dept``, stated at ``span`` (a conflict is a warning)."""
        entity = self.roles[role]
        if entity.department is None:
            entity.department, entity.membership = dept, self.prov(*span)
        elif entity.department != dept:
            self.warn(
                span[0],
                f"{role} is stated in {entity.department} and in {dept}; kept {entity.department}",
            )
