"""The Chinese message every model constraint shows when a form (or `full_clean`) finds it violated.

Django's default for a check or conditional unique constraint is "约束 “<name>” 是无效的", which
puts an internal name on the page. The message lives here, by constraint name, rather than as
`violation_error_message` in each model's Meta: that attribute is part of the constraint's
migration state, so setting it in every app would add a migration to every app for text that never
reaches the database. `install()` (called from CoreConfig.ready) makes `get_violation_error_message`
read this table; a constraint given its own `violation_error_message` in Meta keeps it.

jxjy/core/tests/test_constraint_messages.py fails when a constraint has no entry here.
"""

from __future__ import annotations

from typing import Any

GENERIC = "提交的内容不符合填写要求，请检查后重试。"

MESSAGES: dict[str, str] = {
    # numbering, tokens
    "numbering_one_counter_per_series_scope_year": "该编号类别本年度的计数器已存在。",
    "token_expires_after_creation": "有效期至：必须晚于创建时间。",
    # accounts
    "hr_officer_has_bureau": "人社局：人社局经办人员必须选择所属人社局。",
    "authority_officer_has_authority": "行业主管部门：行业主管部门经办人员必须选择所属部门。",
    "unit_admin_has_unit": "单位：单位继续教育管理员必须选择所属单位。",
    "provider_admin_has_provider": "施教机构：施教机构管理员必须选择所属机构。",
    "professional_user_has_record": "本人档案：专业技术人员账号必须关联本人档案。",
    # regions
    "procedure_override_once_a_day": "起始日期：该参数在这一天已有一项调整，请修改那一项或另选起始日期。",
    # orgs
    "one_authority_per_sector_and_region": "行业：该行政区划已有这一行业的主管部门。",
    "authority_name_unique": "名称：已有同名的行业主管部门。",
    "unit_name_unique_in_region": "单位名称：该行政区划已有同名单位。",
    # people
    "titled_level_needs_title": "职称：选择了职称级别时必须填写职称。",
    "valid_rows_within_total": "有效行数不能超过总行数。",
    "placement_dates_in_order": "离任日期：不能早于任职日期。",
    "one_open_placement_per_person": "任职经历：该人员已有一段未结束的任职，请先填写其离任日期。",
    "transfer_to_another_unit": "调入单位：必须是另一个单位。",
    "one_open_transfer_per_person": "该人员已有一项待处理的调动申请。",
    "refused_transfer_has_reason": "不同意理由：不同意调动时必须填写理由。",
    "closed_transfer_has_decision_time": "处理时间：已处理的调动必须有处理时间。",
    # records
    "series_has_one_issuer": "发证机关：证书编号序列必须且只能属于一个人社局或一个行业主管部门。",
    "series_next_number_positive": "下一个序号：必须是正整数。",
    "certificate_number_unique_in_series": "证书序号：该编号序列中已有这个序号。",
    "certificate_number_positive": "证书序号：必须是正整数。",
    "revocation_has_reason": "撤销理由：撤销证书时必须填写理由。",
    "record_has_an_amount": "学时：学时、天数或学分至少填写一项。",
    "record_amounts_not_negative": "学时：学时、天数和学分不能为负数。",
    "one_record_per_class_or_course": "该人员已有这个班次或课程的学习记录。",
    "recognised_paper_was_confirmed": "纸质材料确认日期：认定纸质材料申报的学习记录前必须确认原件。",
    "make_up_is_for_an_earlier_year": "补学年度：必须早于记录所在年度。",
    "revoked_record_has_time_and_reason": "撤销理由：撤销学习记录时必须填写理由。",
    "record_rejection_has_reason": "不通过理由：审核不通过时必须填写理由。",
    "one_make_up_per_requirement": "该人员这一年度的这项补学任务已存在。",
    "make_up_shortfall_not_negative": "所欠学时：不能为负数。",
    "one_standing_per_period": "该人员这一考核周期的达标情况已存在。",
    "standing_period_order": "截止年度：不能早于起始年度。",
    "standing_shortfall_not_negative": "差额：不能为负数。",
    "met_standing_has_no_shortfall": "差额：已达标时差额必须为 0。",
    "rebuild_done_within_total": "已完成数不能超过总数。",
    "slot_ends_after_start": "结束时间：必须晚于开始时间。",
    "slot_capacity_positive": "可预约人数：至少为 1。",
    "one_verification_batch_per_unit_and_year": "验证年度：本单位这一年度的验证批次已存在。",
    "submitted_batch_has_time": "提交时间：已提交的批次必须有提交时间。",
    "verification_has_one_reviewer": "验证机关：验证记录必须且只能属于一个人社局或一个行业主管部门。",
    "not_verified_has_reason": "不予验证理由：不予验证时必须填写理由。",
    "verified_entry_is_stamped": "验证印章：验证通过必须加盖验证专用章并记录盖章人和日期。",
    "batch_entry_has_batch": "验证批次：批量验证的记录必须属于一个批次。",
    "verified_short_entry_has_exemption_or_reason": "验证理由：学时未达标而验证通过时，必须有延期情形或填写理由。",
    "one_batch_verification_per_year": "验证年度：该人员这一年度已在批量验证中。",
    "one_education_stamp_per_year": "验证年度：该人员这一年度已加盖教育年度验证章。",
    "one_direct_verification_per_class": "该人员这一年度的这个调训班次已验证。",
    "exemption_years_in_order": "截止年度：不能早于起始年度。",
    "exemption_at_most_two_years": "截止年度：延期最多两个年度。",
    # training
    "plan_has_exactly_one_owner": "报送单位：培训计划必须且只能属于一个单位、主管部门或施教机构。",
    "plan_item_hours_positive": "学时：必须大于 0。",
    "plan_item_runs_positive": "期数：至少为 1。",
    "class_ends_after_start": "结束日期：不能早于开始日期。",
    "class_hours_positive": "总学时：必须大于 0。",
    "class_runs_positive": "期数：至少为 1。",
    "class_trainees_positive": "每期人数：至少为 1。",
    "class_fee_amount_when_charging": "收费标准：收费的培训班必须填写每人收费金额。",
    "class_certificate_block_ordered": "证书止号：不能小于起号。",
    "approval_no_unique_per_bureau": "批准号：该批准机关已使用这个批准号。",
    "class_pass_mark_range": "合格分数线：必须在 0 到 100 之间。",
    "one_item_per_half_day": "课程表：这一天的这个时段已有安排。",
    "half_day_hours_range": "学时：每个半天大于 0 且不超过 4 学时。",
    "one_review_per_step": "该申报轮次的这一审核步骤已有审核记录。",
    "review_has_one_reviewer": "审核单位：必须且只能是一个人社局或一个行业主管部门。",
    "plan_deadline_month_valid": "计划报送月份：必须在 1 到 12 之间。",
    "notice_days_positive": "公示天数：至少为 1 天。",
    "qr_valid_minutes_positive": "签到码有效分钟数：至少为 1。",
    "one_chain_per_bureau_and_level": "该人社局这一办班单位级别的审核链已存在。",
    "one_step_per_order": "顺序：审核链中已有这个顺序的步骤。",
    "one_counter_per_series_and_year": "该编号类别本年度的计数器已存在。",
    "enrol_once_per_class": "学员：该人员已报名这个培训班。",
    "certificate_seq_once_per_class": "证书序号：本班已有学员使用这个序号。",
    "exam_score_range": "考试成绩：必须在 0 到 100 之间。",
    "one_attendance_per_session": "考勤：该学员这一时段已有考勤记录。",
    "sign_out_needs_sign_in": "签退时间：未签到不能签退。",
    "notice_ends_after_start": "公示截止日期：不能早于开始日期。",
    "resolved_objection_has_resolution": "处理结果：办结异议时必须填写处理结果。",
    "extension_has_reason": "延期理由：必须填写。",
    # online
    "course_has_hours_or_credits": "学时：学时和学分至少填写一项。",
    "course_amount_positive": "学时：学时和学分必须大于 0。",
    "course_validity_order": "有效期至：不能早于有效期起始日期。",
    "course_pass_mark_percent": "合格分数线：不能超过 100。",
    "course_at_least_one_attempt": "考试次数：至少为 1 次。",
    "course_exam_has_time": "考试时长：至少为 1 分钟。",
    "course_presence_interval_order": "在线确认间隔：最短间隔至少 1 秒，且最长间隔不能小于最短间隔。",
    "unit_position_unique_in_course": "序号：本课程已有这个序号的单元。",
    "unit_duration_positive": "时长：必须大于 0。",
    "unit_file_unless_html": "课件文件：非图文单元必须上传课件文件。",
    "one_enrolment_per_course": "已选过这门课程。",
    "one_progress_per_unit": "该单元的学习进度已存在。",
    "progress_not_negative": "学习进度不能为负数。",
    "session_credit_not_negative": "计入时长不能为负数。",
    "session_beats_after_start": "最近心跳时间不能早于开始时间。",
    "lease_held_has_times": "学习租约必须有取得时间，且到期时间不早于取得时间。",
    "challenge_deadline_after_issue": "作答截止时间：必须晚于发出时间。",
    "challenge_revoked_not_negative": "扣除时长不能为负数。",
    "one_fetch_row_per_segment": "该分段的下载记录已存在。",
    "one_daily_study_row": "该人员当天的学习时间记录已存在。",
    "daily_study_not_negative": "学习时间不能为负数。",
    "blueprint_line_unique": "组卷规则：这个知识点的这种题型已有规则。",
    "blueprint_positive": "题数和分值：至少为 1。",
    "attempt_number_unique": "该次考试已存在。",
    "one_open_attempt_per_enrolment": "已有一场进行中的考试，请先交卷。",
    "attempt_deadline_after_start": "交卷截止时间：必须晚于开始时间。",
    "attempt_score_percent": "成绩：必须在 0 到 100 之间。",
    "one_counter_per_region_year": "该区划本年度的合格证计数器已存在。",
    "certificate_serial_unique": "序号：该区划本年度已有这个合格证序号。",
    "certificate_serial_positive": "序号：必须是正整数。",
    # providers
    "renewal_names_its_base": "原基地：延续认定申请必须选择原继续教育基地。",
    "draft_not_submitted": "草稿不能有提交时间。",
    "base_valid_to_after_from": "有效期至：不能早于有效期起始日期。",
    "revoked_base_has_date": "撤销日期：撤销基地时必须填写。",
    "one_live_base_per_provider_and_tier": "级别：该施教机构已有这一级别的有效基地。",
    "shared_teacher_has_consent_date": "同意共享日期：共享到师资库的教师必须填写本人同意日期。",
    "engage_teacher_once": "教师：本机构已聘请这位教师。",
    "teacher_training_dates_ordered": "结束日期：不能早于开始日期。",
    "teacher_training_days_positive": "天数：至少为 1 天。",
    "credit_event_has_one_subject": "信用记录必须且只能针对一个施教机构或一位教师。",
    "credit_event_has_source": "来源：必须填写。",
    "one_evaluation_per_trainee": "您已评价过这个培训班。",
    "evaluation_content_1_5": "内容评分：必须在 1 到 5 之间。",
    "evaluation_organisation_1_5": "组织评分：必须在 1 到 5 之间。",
    "evaluation_overall_1_5": "总体评分：必须在 1 到 5 之间。",
    "rate_teacher_once_per_evaluation": "已为这位教师评过分。",
    "teacher_rating_1_5": "教师评分：必须在 1 到 5 之间。",
    "fee_standard_dates_ordered": "有效期至：不能早于生效日期。",
    "fee_document_once_per_region": "文号：该区划已登记这个收费文件。",
    "one_cap_per_class_type": "办班类型：该收费标准已有这一类型的收费上限。",
    "fee_cap_not_negative": "收费上限：不能为负数。",
    "one_inspection_per_base_and_year": "年度：该基地这一年度的年检评估已存在。",
    "inspection_score_running_range": "办学情况得分：必须在 0 到 20 之间。",
    "inspection_score_management_range": "管理情况得分：必须在 0 到 20 之间。",
    "inspection_score_development_range": "建设发展得分：必须在 0 到 20 之间。",
    "inspection_score_quality_range": "培训质量得分：必须在 0 到 20 之间。",
    "inspection_score_certificates_range": "证书管理得分：必须在 0 到 20 之间。",
    "reported_rectification_has_time": "报告时间：已报告整改情况的必须有报告时间。",
    # stats
    "sample_size_positive": "抽样数量：至少为 1。",
    "sample_seed_not_negative": "随机种子：不能为负数。",
    "sample_position_unique": "序号：本次抽样已有这个序号。",
    "sample_item_has_one_target": "抽样检查项必须且只能针对一个人员、培训班或单位。",
    "checked_item_has_time": "检查时间：已检查的项目必须有检查时间。",
    "failed_item_has_finding": "发现问题：检查不合格时必须填写。",
    "assessment_target_matches_kind": "考核对象：必须与考核类型一致（主管部门或单位）。",
    "one_authority_assessment_a_year": "考核年度：该主管部门这一年度的考核已存在。",
    "one_unit_assessment_a_year": "考核年度：该单位这一年度的考核已存在。",
    "quota_cut_only_for_failed_unit": "核减比例：只有考核不合格的单位才核减指标，且比例在 0 到 100 之间（不含）。",
    "assessment_outcome_matches_kind": "考核结果：与考核类型不符。",
    "commendation_once": "该人员已按这一条款受过表彰。",
    "one_excellent_grade_a_year": "考核年度：该人员这一年度已登记为优秀。",
    "report_progress_at_most_100": "进度不能超过 100%。",
    "report_year_range": "年度：必须在 2000 到 2100 之间。",
    "done_report_has_result": "已完成的报表必须有结果。",
    "done_report_has_data_as_of": "已完成的报表必须有数据截止时间。",
    # notifications
    "one_notification_per_key": "这条提醒已发送过。",
}


def message_for(name: str) -> str:
    return MESSAGES.get(name, GENERIC)


def install() -> None:
    """Make every constraint without its own message read the table above."""
    from django.db.models.constraints import BaseConstraint

    if getattr(BaseConstraint, "_jxjy_messages", False):
        return

    def get_violation_error_message(self: Any) -> str:
        if self.violation_error_message != self.default_violation_error_message:
            return str(self.violation_error_message % {"name": self.name})
        return message_for(self.name)

    BaseConstraint.get_violation_error_message = get_violation_error_message  # type: ignore[method-assign]
    BaseConstraint._jxjy_messages = True  # type: ignore[attr-defined]
