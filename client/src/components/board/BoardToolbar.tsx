import { useTranslation } from 'react-i18next';
import { useEasyRead } from '../../hooks/useEasyRead.js';
import { useViewMode } from '../../hooks/useViewMode.js';
import { FOLLOW_KEY, SOUND_KEY } from '../facilitation/SessionBar.js';
import { primeAudio } from '../facilitation/timer.js';
import { Badge } from '../ui/Badge.js';
import { Icon, type IconName } from '../ui/Icon.js';
import { Menu, type MenuEntry } from '../ui/Menu.js';
import { useBoardUi, useSharedSetting, type DrawerName } from './BoardUi.js';
import { Button } from '../ui/Button.js';
import { ACCESSIBILITY_PATH, PRIVACY_PATH } from '../../router.js';

export interface ToolCounts {
  /** Raised hands plus break requests (facilitators). */
  attention: number;
  priorities: number;
  actions: number;
  online: number | null;
  voteOpen: boolean;
}

interface Tool {
  name: DrawerName;
  icon: IconName;
  label: string;
  /** What the count means, for assistive tech (the number alone is not enough). */
  badge?: { text: string; spoken: string; tone?: 'attention' | 'primary' | 'neutral' };
}

/**
 * The board's tools: a button per drawer (facilitator tools, voting, priorities, action plan,
 * the agreed plan, people), and "More" (the log, balance of voice, and this person's view
 * choices). Labels show where there is room; on a phone everything is in one menu.
 */
export function BoardToolbar({ isFacilitator, counts }: { isFacilitator: boolean; counts: ToolCounts }) {
  const { t } = useTranslation();
  const ui = useBoardUi();
  const { on: easyRead, setOn: setEasyRead } = useEasyRead();
  const [mode, setMode] = useViewMode();
  const [follow, setFollow] = useSharedSetting(FOLLOW_KEY, true);
  const [sound, setSound] = useSharedSetting(SOUND_KEY, false);

  const tools: Tool[] = [
    ...(isFacilitator
      ? [
          {
            name: 'facilitate' as const,
            icon: 'tools' as const,
            label: t('ui.tools.facilitate'),
            badge:
              counts.attention > 0
                ? {
                    text: String(counts.attention),
                    spoken: t('ui.tools.attentionCount', { count: counts.attention }),
                    tone: 'attention' as const,
                  }
                : undefined,
          },
        ]
      : []),
    {
      name: 'vote',
      icon: 'vote',
      label: t('ui.tools.vote'),
      badge: counts.voteOpen ? { text: '•', spoken: t('ui.voteOpen'), tone: 'attention' } : undefined,
    },
    {
      name: 'priorities',
      icon: 'star',
      label: t('ui.tools.priorities'),
      badge:
        counts.priorities > 0
          ? { text: String(counts.priorities), spoken: t('ui.tools.priorityCount', { count: counts.priorities }) }
          : undefined,
    },
    {
      name: 'actions',
      icon: 'action',
      label: t('ui.tools.actions'),
      badge:
        counts.actions > 0 ? { text: String(counts.actions), spoken: t('ui.tools.actionCount', { count: counts.actions }) } : undefined,
    },
    { name: 'plan', icon: 'document', label: t('ui.tools.plan') },
    {
      name: 'people',
      icon: 'people',
      label: t('ui.tools.people'),
      badge: counts.online !== null ? { text: String(counts.online), spoken: t('presence.summary', { count: counts.online }) } : undefined,
    },
  ];

  const viewEntries = (): MenuEntry[] => [
    { type: 'item', key: 'log', label: t('log.heading'), icon: 'list', onSelect: () => ui.openDrawer('log') },
    { type: 'item', key: 'balance', label: t('balance.heading'), icon: 'chart', onSelect: () => ui.openDrawer('balance') },
    { type: 'separator', key: 's1' },
    {
      type: 'group',
      key: 'view',
      label: t('inclusion.view.label'),
      entries: [
        { type: 'radio', key: 'board', label: t('inclusion.view.board'), checked: mode === 'board', onSelect: () => setMode('board') },
        { type: 'radio', key: 'list', label: t('inclusion.view.list'), checked: mode === 'list', onSelect: () => setMode('list') },
        { type: 'checkbox', key: 'easy', label: t('inclusion.view.easyRead'), checked: easyRead, onSelect: () => setEasyRead(!easyRead) },
      ],
    },
    { type: 'separator', key: 's2' },
    ...(isFacilitator
      ? []
      : [
          {
            type: 'checkbox' as const,
            key: 'follow',
            label: t('facilitation.follow'),
            checked: follow,
            onSelect: () => setFollow(!follow),
          },
        ]),
    {
      type: 'checkbox',
      key: 'sound',
      label: t('timer.sound'),
      checked: sound,
      onSelect: () => {
        if (!sound) primeAudio();
        setSound(!sound);
      },
    },
    // In a new tab: the board stays open and connected while the page is read.
    { type: 'separator', key: 's3' },
    {
      type: 'item',
      key: 'privacy',
      label: t('infoLinks.privacy'),
      hint: t('infoLinks.newTab'),
      icon: 'book',
      onSelect: () => window.open(PRIVACY_PATH, '_blank', 'noopener'),
    },
    {
      type: 'item',
      key: 'accessibility',
      label: t('infoLinks.accessibility'),
      hint: t('infoLinks.newTab'),
      icon: 'info',
      onSelect: () => window.open(ACCESSIBILITY_PATH, '_blank', 'noopener'),
    },
  ];

  if (ui.layout === 'single') {
    const all = (): MenuEntry[] => [
      ...(isFacilitator
        ? [
            {
              type: 'item' as const,
              key: 'invite',
              label: t('joinLink.heading'),
              icon: 'link' as const,
              onSelect: () => ui.openDrawer('invite'),
            },
          ]
        : []),
      ...tools.map<MenuEntry>((tool) => ({
        type: 'item',
        key: tool.name,
        label: tool.badge ? `${tool.label} (${tool.badge.spoken})` : tool.label,
        icon: tool.icon,
        onSelect: () => ui.openDrawer(tool.name),
      })),
      { type: 'separator', key: 'tools' },
      ...viewEntries(),
    ];
    const attention = counts.attention > 0 && isFacilitator;
    return (
      <div className="board-tools board-tools--menu">
        <Menu
          label={t('ui.tools.menu')}
          icon="menu"
          entries={all}
          buttonClassName="icon-button icon-button--outline board-tools__menu"
          buttonProps={{ id: 'board-menu' }}
          badge={
            attention ? (
              <Badge tone="attention" count>
                {counts.attention}
              </Badge>
            ) : undefined
          }
        />
      </div>
    );
  }

  return (
    <nav className="board-tools" aria-label={t('ui.tools.label')}>
      <ul className="board-tools__list">
        {tools.map((tool) => (
          <li key={tool.name}>
            <Button
              size="sm"
              variant="quiet"
              id={`tool-${tool.name}`}
              className="tool-button"
              aria-expanded={ui.drawer === tool.name}
              aria-controls={`drawer-${tool.name}`}
              onClick={() => ui.openDrawer(tool.name, { toggle: true })}
            >
              <Icon name={tool.icon} />
              <span className="tool-button__text">{tool.label}</span>
              {tool.badge && (
                <>
                  <Badge tone={tool.badge.tone ?? 'neutral'} count className="tool-button__badge">
                    <span aria-hidden="true">{tool.badge.text}</span>
                  </Badge>
                  <span className="visually-hidden">({tool.badge.spoken})</span>
                </>
              )}
            </Button>
          </li>
        ))}
        <li>
          <Menu
            label={t('ui.tools.more')}
            icon="more"
            showLabel
            entries={viewEntries}
            buttonClassName="button button--small button--quiet tool-button"
            buttonProps={{ id: 'tool-more' }}
          />
        </li>
      </ul>
    </nav>
  );
}
