package org.aftersaleshub.staff;

import java.util.List;
import java.util.regex.Pattern;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;

/**
 * The field rules of a staff record as data, for the import: the same limits and forms the REST API states on
 * {@link StaffRequest} (Bean Validation there) and the same rule names as its 400s ({@code required},
 * {@code max-length:64}, {@code pattern:...}, {@code requires:dingTalkUserId}), so a spreadsheet row and an API call
 * are judged alike. The rules that need the directory (unique ids, the supervisor) are {@link StaffService}'s.
 */
final class StaffRules {

    static final int MAX_TEXT = 64;
    static final int MAX_SKILLS = 50;
    private static final Pattern ID = Pattern.compile(StaffRequest.ID_FORM);

    private StaffRules() {
    }

    static List<Violation> check(StaffRequest r) {
        Rules rules = new Rules();
        id(rules, "employeeNo", r.employeeNo());
        rules.required("name", r.name(), MAX_TEXT);
        rules.phone("phone", r.phone());
        rules.optional("region", r.region(), MAX_TEXT);
        rules.optional("team", r.team(), MAX_TEXT);
        List<String> skills = r.skills() == null ? List.of() : r.skills();
        if (skills.size() > MAX_SKILLS) {
            rules.add("skills", "max-items:" + MAX_SKILLS, "技能最多 " + MAX_SKILLS + " 项",
                    "must have at most " + MAX_SKILLS + " entries");
        }
        for (String skill : skills) {
            if (skill.strip().length() > MAX_TEXT) {
                rules.add("skills", "max-length:" + MAX_TEXT, "每项技能最多 " + MAX_TEXT + " 个字符",
                        "each skill must have at most " + MAX_TEXT + " characters");
                break;
            }
        }
        boolean dingTalk = id(rules, "dingTalkUserId", r.dingTalkUserId());
        boolean weCom = id(rules, "weComUserId", r.weComUserId());
        if (r.preferredChannel() == PreferredChannel.DINGTALK && !dingTalk) {
            rules.add("preferredChannel", "requires:dingTalkUserId", "首选渠道为钉钉时须填写钉钉账号",
                    "DINGTALK needs dingTalkUserId");
        }
        if (r.preferredChannel() == PreferredChannel.WECOM && !weCom) {
            rules.add("preferredChannel", "requires:weComUserId", "首选渠道为企业微信时须填写企业微信账号",
                    "WECOM needs weComUserId");
        }
        return rules.violations();
    }

    /** An optional id (employee number, IM user id): printable ASCII without spaces; true when present and valid. */
    private static boolean id(Rules rules, String field, String value) {
        if (value == null || value.isBlank() || !rules.optional(field, value.strip(), MAX_TEXT)) {
            return false;
        }
        if (!ID.matcher(value.strip()).matches()) {
            rules.add(field, "pattern:" + StaffRequest.ID_FORM, "只能包含字母、数字和符号，不能有空格",
                    "must be printable ASCII without spaces");
            return false;
        }
        return true;
    }
}
