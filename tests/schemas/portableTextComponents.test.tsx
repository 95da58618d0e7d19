// @vitest-environment jsdom
/**
 * The body editor's helpers: the interview picker lists the chosen speaker's interviews and writes
 * the picked `_key`, flags a key the speaker does not have, and waits for a speaker; attributed
 * quotes are marked in the text.
 */
import '../setup/jsdomPolyfills'

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen, waitFor} from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type {ReactNode} from 'react'
import type {BlockAnnotationProps, StringInputProps} from 'sanity'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {InterviewKeyInput} from '../../schemas/portableText/components/InterviewKeyInput'
import {QuoteAttributionAnnotation} from '../../schemas/portableText/components/QuoteAttributionAnnotation'

const studio = vi.hoisted(() => {
  const fetch = vi.fn()
  // like Sanity's useClient: the same client on every render
  return {speaker: undefined as {_ref: string} | undefined, fetch, client: {fetch}, formValuePaths: [] as unknown[]}
})

vi.mock('sanity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('sanity')>()),
  useClient: () => studio.client,
  useFormValue: (path: unknown) => {
    studio.formValuePaths.push(path)
    return studio.speaker
  },
}))

afterEach(cleanup)
beforeEach(() => {
  studio.speaker = {_ref: 'interviewSource.brad-smith'}
  studio.formValuePaths = []
  studio.fetch.mockReset()
  studio.fetch.mockResolvedValue([
    {_key: 'iv1', kind: 'otherOutlet', outlet: 'CNN', date: '2025-05-02'},
    {_key: 'iv2', kind: 'exclusive', date: '2025-05-03'},
  ])
})

function renderPicker(value: string | undefined, onChange = vi.fn()) {
  const props = {
    value,
    onChange,
    path: ['body', {_key: 'b4'}, 'interviewKey'],
    readOnly: false,
    elementProps: {id: 'interview-key', onFocus: vi.fn(), onBlur: vi.fn()},
  } as unknown as StringInputProps
  render(
    <ThemeProvider theme={studioTheme}>
      <InterviewKeyInput {...props} />
    </ThemeProvider>,
  )
  return onChange
}

describe('InterviewKeyInput', () => {
  it('lists the sibling speaker’s interviews and sets the picked key', async () => {
    const onChange = renderPicker(undefined)
    await screen.findByRole('option', {name: 'CNN, 2025-05-02'})
    expect(studio.formValuePaths[0]).toEqual(['body', {_key: 'b4'}, 'speaker'])
    expect(studio.fetch).toHaveBeenCalledWith(expect.stringContaining('interviews[]'), {
      id: 'interviewSource.brad-smith',
    })
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Not specified',
      'CNN, 2025-05-02',
      'exclusive, 2025-05-03',
    ])

    await userEvent.selectOptions(screen.getByRole('combobox'), 'iv2')
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({type: 'set', value: 'iv2'}))
    await userEvent.selectOptions(screen.getByRole('combobox'), '')
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({type: 'unset'}))
  })

  it('flags a key that is not among the speaker’s interviews', async () => {
    renderPicker('gone')
    await screen.findByRole('option', {name: 'CNN, 2025-05-02'})
    expect(screen.getByRole('option', {name: 'Unknown interview (gone)'})).toBeTruthy()
    expect(screen.getByText('This key is not among the speaker’s interviews.')).toBeTruthy()
  })

  it('is disabled until a speaker is chosen', async () => {
    studio.speaker = undefined
    renderPicker(undefined)
    const select = screen.getByRole('combobox') as HTMLSelectElement
    expect(select.disabled).toBe(true)
    expect(screen.getByRole('option', {name: 'Choose a speaker first'})).toBeTruthy()
    await waitFor(() => expect(studio.fetch).not.toHaveBeenCalled())
  })
})

describe('QuoteAttributionAnnotation', () => {
  function renderAnnotation(value: unknown) {
    const props = {value, renderDefault: (p: {children?: ReactNode}) => <em>{p.children}</em>, children: 'quoted words'}
    render(<QuoteAttributionAnnotation {...(props as unknown as BlockAnnotationProps)} />)
    return screen.getByTestId('quote-attribution')
  }

  it('marks attributed words and warns when the speaker is missing', () => {
    expect(renderAnnotation({speaker: {_ref: 'interviewSource.brad-smith'}}).title).toBe('Attributed quote')
    cleanup()
    const missing = renderAnnotation({})
    expect(missing.title).toBe('Quote without a speaker')
    expect(missing.textContent).toBe('quoted words')
  })
})
