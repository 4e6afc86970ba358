import numpy as np

# the sigmoid: squashes any number into (0, 1); with deriv=True, its slope
def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

# inputs: one row per example, one column per input node
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])

# targets: a row turned into a 4x1 column
y = np.array([[0, 0, 1, 1]]).T

# a fixed seed: the "random" start is the same on every run,
# so two runs can be compared
np.random.seed(1)

# the only weights: 3 inputs to 1 output, drawn from [-1, 1)
syn0 = 2 * np.random.random((3, 1)) - 1

for iter in range(10000):

    # forward pass: the data, then the prediction
    l0 = X
    l1 = nonlin(np.dot(l0, syn0))

    # the miss, per example
    l1_error = y - l1

    # weight the miss by the slope at l1: confident outputs
    # move little, unsure ones move most
    l1_delta = l1_error * nonlin(l1, True)

    # nudge every weight, summed over all four examples
    syn0 += np.dot(l0.T, l1_delta)

print("Output After Training:")
print(l1)
